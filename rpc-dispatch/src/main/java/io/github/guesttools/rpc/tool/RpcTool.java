package io.github.guesttools.rpc.tool;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.Backdoors;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciCommand;
import io.github.guesttools.rpc.rpci.RpciReply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends one RPCI command and prints the reply text (its bytes as received, trailing NULs dropped).
 *
 * <pre>
 * rpctool [--backdoor native|unix:/path/to/socket] 'info-get guestinfo.userdata'
 * </pre>
 *
 * <p>Exit status: 0 when the host answers {@code 1}, 1 when it answers {@code 0} (the text goes to
 * standard error), 2 for a usage error, 3 when the channel fails.
 */
public final class RpcTool {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int CHANNEL = 3;

    private RpcTool() {
    }

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String location = Backdoors.NATIVE;
        int i = 0;
        if (args.length >= 2 && args[0].equals("--backdoor")) {
            location = args[1];
            i = 2;
        }
        if (args.length - i != 1 || args[i].isEmpty()) {
            err.println("usage: rpctool [--backdoor native|unix:/path/to/socket] '<command>'");
            return USAGE;
        }
        try (Backdoor backdoor = Backdoors.open(location)) {
            return run(args[i], backdoor, out, err);
        } catch (IOException | IllegalArgumentException e) {
            err.println("rpctool: " + e.getMessage());
            return CHANNEL;
        }
    }

    static int run(String command, Backdoor backdoor, PrintStream out, PrintStream err) {
        try (RpciClient rpci = new RpciClient(BackdoorChannels.opener(backdoor))) {
            RpciReply reply = rpci.exchange(RpciCommand.text(command));
            PrintStream to = reply.success() ? out : err;
            to.write(reply.text().getBytes(StandardCharsets.ISO_8859_1));
            to.println();
            return reply.success() ? OK : REFUSED;
        } catch (IOException e) {
            err.println("rpctool: " + e.getMessage());
            return CHANNEL;
        } catch (IllegalArgumentException e) {
            err.println("rpctool: " + e.getMessage());
            return USAGE;
        }
    }
}
