package io.github.guesttools.backdoor.vmcheck;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.hardware.Cpuid;
import io.github.guesttools.backdoor.hardware.CpuidSource;
import io.github.guesttools.backdoor.hardware.Hypervisor;
import io.github.guesttools.backdoor.hardware.NativeBackdoor;
import java.io.IOException;
import java.util.Optional;

/**
 * "Is this a VMware VM?" (docs/protocols/backdoor.md §1): CPUID first, which is safe everywhere, and the
 * GETVERSION knock on the port only when CPUID says VMware. Never touches the port otherwise.
 *
 * <pre>
 * java -cp backdoor-transport.jar:jna.jar io.github.guesttools.backdoor.vmcheck.VmCheck
 * </pre>
 */
public final class VmCheck {

    /** Opens the backdoor for the knock; only called once CPUID said VMware. */
    @FunctionalInterface
    public interface BackdoorOpener {
        /** Opens the backdoor. */
        Backdoor open() throws IOException;
    }

    private VmCheck() {}

    /** Returns whether CPUID reports VMware; false when CPUID cannot be executed here. */
    public static boolean isVmware() {
        try {
            return Hypervisor.detect(Cpuid.NATIVE).isVmware();
        } catch (BackdoorUnavailableException e) {
            return false;
        }
    }

    /** Checks this machine: CPUID, then GETVERSION through the native backdoor. */
    public static Optional<VmwareVersion> probe() throws IOException {
        return probe(Cpuid.NATIVE, () -> NativeBackdoor.open());
    }

    /**
     * Checks with the given CPUID and backdoor: empty unless CPUID reports VMware and GETVERSION
     * answers version 6 with the magic in EBX.
     */
    public static Optional<VmwareVersion> probe(CpuidSource cpuid, BackdoorOpener opener) throws IOException {
        Hypervisor hypervisor;
        try {
            hypervisor = Hypervisor.detect(cpuid);
        } catch (BackdoorUnavailableException e) {
            return Optional.empty();
        }
        if (!hypervisor.isVmware()) {
            return Optional.empty();
        }
        try (Backdoor backdoor = opener.open()) {
            Registers out = backdoor.lowBandwidth(new Registers(
                    Backdoor.MAGIC, ~Backdoor.MAGIC, 0xFFFF_0000 | Backdoor.CMD_GETVERSION, Backdoor.LB_PORT, 0, 0, 0));
            if (out.eax() != Backdoor.VERSION || out.ebx() != Backdoor.MAGIC) {
                return Optional.empty();
            }
            return Optional.of(new VmwareVersion(out.eax(), out.ecx()));
        }
    }

    /** Prints what CPUID reports and, on VMware, the GETVERSION answer; exits 0 on VMware, 1 otherwise. */
    public static void main(String[] args) throws IOException {
        Hypervisor hypervisor = Hypervisor.detect();
        System.out.println("hypervisor present: " + hypervisor.present());
        System.out.println("hypervisor vendor: " + hypervisor.vendor().replace("\0", "\\0"));
        Optional<VmwareVersion> version = probe();
        System.out.println("vmware: "
                + version.map(v -> "yes, version " + v.version() + ", vmx type " + v.vmxType())
                        .orElse("no"));
        System.exit(version.isPresent() ? 0 : 1);
    }
}
