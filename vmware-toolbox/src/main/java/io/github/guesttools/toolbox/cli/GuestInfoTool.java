package io.github.guesttools.toolbox.cli;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.guestinfo.GuestInfo;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciFailureException;
import io.github.guesttools.rpc.tool.ExitStatus;
import io.github.guesttools.rpc.tool.RawArguments;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code vmware-guestinfo [--backdoor LOCATION] get KEY | set KEY VALUE}: reads or writes
 * {@code guestinfo.KEY} (the prefix is added when missing).
 *
 * <p>Byte-exact: a value is set as the bytes the user typed and printed as the bytes the host
 * holds, in any locale.
 *
 * <p>Exit status: 0 done (get prints the value), 1 key not set or the host refused, 2 usage,
 * 3 backdoor or channel failure.
 */
public final class GuestInfoTool {
    private static final String USAGE_TEXT =
            "usage: vmware-guestinfo [--backdoor native|unix:/path] get KEY | set KEY VALUE";

    private GuestInfoTool() {}

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
            return 0;
        }
        String location = Backdoors.NATIVE;
        String[] rest = args;
        if (args.length >= 2 && args[0].equals("--backdoor")) {
            location = args[1];
            rest = Arrays.copyOfRange(args, 2, args.length);
        }
        boolean get = rest.length == 2 && rest[0].equals("get");
        boolean set = rest.length == 3 && rest[0].equals("set");
        if (!get && !set) {
            err.println(USAGE_TEXT);
            return 2;
        }
        String key = rest[1].startsWith("guestinfo.") ? rest[1].substring("guestinfo.".length()) : rest[1];
        try (Backdoor backdoor = Backdoors.open(location);
                RpciClient rpci = new RpciClient(BackdoorChannels.opener(backdoor))) {
            GuestInfo info = new GuestInfo(rpci);
            if (set) {
                info.setBytes(key, raw.get(args.length - 1));
                return 0;
            }
            Optional<byte[]> value = info.getBytes(key);
            if (value.isEmpty()) {
                err.println("vmware-guestinfo: guestinfo." + key + " is not set");
                return 1;
            }
            out.write(value.get());
            out.write('\n');
            out.flush();
            return 0;
        } catch (RpciFailureException e) {
            err.println("vmware-guestinfo: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("vmware-guestinfo: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("vmware-guestinfo: " + e.getMessage());
            return 3;
        }
    }
}
