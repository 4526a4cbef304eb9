package io.github.guesttools.rpc.tool;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciReply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Sends one RPCI command and prints the reply text (its bytes as received, trailing NULs dropped).
 *
 * <pre>
 * rpctool [--backdoor native|unix:/path/to/socket] 'info-get guestinfo.userdata'
 * </pre>
 *
 * <p>Byte-exact like the C tool: the command is sent as the bytes the user typed (see
 * {@link RawArguments}), the reply is written as the bytes the host sent, in any locale.
 *
 * <p>Exit status: 0 when the host answers {@code 1}, 1 when it answers {@code 0} (the text goes to
 * standard error), 2 for a usage error, 3 when the channel fails. {@code --help} prints the usage.
 */
public final class RpcTool {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int CHANNEL = 3;
    private static final String USAGE_TEXT = "usage: rpctool [--backdoor native|unix:/path/to/socket] '<command>'";

    private RpcTool() {}

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(ExitStatus.forLauncher(run(args, RawArguments.of(args), System.out, System.err)));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, RawArguments.encoded(args), out, err);
    }

    /** Runs with {@code args} as main got them and {@code raw}, their bytes as typed. */
    static int run(String[] args, List<byte[]> raw, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE_TEXT);
            return OK;
        }
        String location = Backdoors.NATIVE;
        int i = 0;
        if (args.length >= 2 && args[0].equals("--backdoor")) {
            location = args[1];
            i = 2;
        }
        if (args.length - i != 1 || args[i].isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try (Backdoor backdoor = Backdoors.open(location)) {
            return run(raw.get(i), backdoor, out, err);
        } catch (IOException | IllegalArgumentException e) {
            err.println("rpctool: " + e.getMessage());
            return CHANNEL;
        }
    }

    static int run(String command, Backdoor backdoor, PrintStream out, PrintStream err) {
        return run(command.getBytes(StandardCharsets.ISO_8859_1), backdoor, out, err);
    }

    /** Sends {@code command} (its bytes, then the NUL vmtoolsd sends) and writes the reply's bytes. */
    static int run(byte[] command, Backdoor backdoor, PrintStream out, PrintStream err) {
        try (RpciClient rpci = new RpciClient(BackdoorChannels.opener(backdoor))) {
            RpciReply reply = rpci.exchange(Arrays.copyOf(command, command.length + 1));
            PrintStream to = reply.success() ? out : err;
            // The bytes as the host sent them (trailing NULs dropped), never re-encoded.
            to.write(reply.text().getBytes(StandardCharsets.ISO_8859_1));
            to.write('\n');
            to.flush();
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
