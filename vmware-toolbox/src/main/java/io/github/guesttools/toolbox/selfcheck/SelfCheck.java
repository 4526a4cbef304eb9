package io.github.guesttools.toolbox.selfcheck;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.hardware.Cpuid;
import io.github.guesttools.backdoor.hardware.CpuidSource;
import io.github.guesttools.backdoor.hardware.Hypervisor;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.backdoor.vmcheck.ReadOnlyBackdoorCheck;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code vmware-toolbox --self-check [--backdoor LOCATION]}: inside a guest, checks the backdoor
 * read-only ({@link ReadOnlyBackdoorCheck}: GETVERSION, open RPCI, {@code info-get} of an unset
 * {@code guestinfo.} key, close) and prints each step. It never opens the TCLO channel and sets
 * nothing, so it is safe next to a running vmtoolsd or agent.
 *
 * <p>Exit status: 0 when every step passed, 1 when a step failed, 2 for a usage error,
 * {@value #NOT_VMWARE} when the backdoor cannot be opened (off VMware: CPUID refuses the native
 * backdoor; or nothing listens at a {@code unix:} location), as the agent itself.
 */
public final class SelfCheck {
    /** Every step passed. */
    public static final int PASSED = 0;
    /** A step failed. */
    public static final int FAILED = 1;
    /** Usage error. */
    public static final int USAGE = 2;
    /** The backdoor cannot be opened, e.g. not a VMware VM (sysexits EX_UNAVAILABLE, as the agent). */
    public static final int NOT_VMWARE = 69;

    /** Opens a backdoor location; {@link Backdoors#open(String)} outside tests. */
    @FunctionalInterface
    interface BackdoorOpener {
        Backdoor open(String location) throws BackdoorException;
    }

    private SelfCheck() {}

    /** Runs the check for the command-line {@code args} (which contain {@code --self-check}). */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, Backdoors::open, Cpuid.NATIVE);
    }

    static int run(String[] args, PrintStream out, BackdoorOpener opener, CpuidSource cpuid) {
        String location = Backdoors.NATIVE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--self-check" -> {}
                case "--backdoor" -> {
                    if (++i >= args.length) {
                        return usage(out, "--backdoor needs a value");
                    }
                    location = args[i];
                }
                default -> {
                    return usage(out, "unknown option with --self-check: " + args[i]);
                }
            }
        }
        out.println("vmware-toolbox self-check: read-only (GETVERSION, RPCI info-get of an unset key);"
                + " never opens TCLO, safe next to a running vmtoolsd");
        out.println("CPUID: " + describe(cpuid));
        out.println("backdoor: " + location);
        Backdoor backdoor;
        try {
            backdoor = opener.open(location);
        } catch (BackdoorUnavailableException e) {
            out.println("FAIL open backdoor " + location + ": " + e.getMessage());
            out.println("self-check: not a VMware virtual machine (exit " + NOT_VMWARE + ")");
            return NOT_VMWARE;
        } catch (BackdoorException | IllegalArgumentException e) {
            out.println("FAIL open backdoor " + location + ": " + e.getMessage());
            out.println("self-check: backdoor unavailable (exit " + NOT_VMWARE + ")");
            return NOT_VMWARE;
        }
        boolean passed;
        try (backdoor) {
            passed = ReadOnlyBackdoorCheck.run(backdoor, out::println);
        } catch (IOException e) {
            out.println("FAIL close backdoor: " + e.getMessage());
            passed = false;
        }
        out.println(passed ? "self-check passed" : "self-check FAILED (exit " + FAILED + ")");
        return passed ? PASSED : FAILED;
    }

    private static String describe(CpuidSource cpuid) {
        try {
            Hypervisor h = Hypervisor.detect(cpuid);
            return h.present()
                    ? "hypervisor '" + h.vendor().replace("\0", "\\0") + "'"
                            + (h.isVmware() ? " (VMware)" : " (not VMware)")
                    : "no hypervisor (bare metal)";
        } catch (BackdoorUnavailableException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    private static int usage(PrintStream out, String problem) {
        out.println("vmware-toolbox: " + problem);
        out.println("usage: vmware-toolbox --self-check [--backdoor native|unix:/path/to/simulator.sock]");
        return USAGE;
    }
}
