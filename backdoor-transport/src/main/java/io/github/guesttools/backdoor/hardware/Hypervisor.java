package io.github.guesttools.backdoor.hardware;

import io.github.guesttools.backdoor.BackdoorUnavailableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What CPUID says about the hypervisor (docs/protocols/backdoor.md §1): leaf 1 ECX bit 31 ("hypervisor
 * present") and the 12-byte vendor of leaf {@code 0x40000000} (EBX, ECX, EDX, little-endian).
 *
 * @param present whether the hypervisor-present bit is set
 * @param vendor the vendor signature, 12 characters (NULs kept), empty when no hypervisor is present
 */
public record Hypervisor(boolean present, String vendor) {

    /** VMware's vendor signature. */
    public static final String VMWARE = "VMwareVMware";
    /** KVM's vendor signature. */
    public static final String KVM = "KVMKVMKVM\0\0\0";

    /** Reads CPUID through {@code cpuid}. */
    public static Hypervisor detect(CpuidSource cpuid) throws BackdoorUnavailableException {
        boolean present = (cpuid.cpuid(1).ecx() & 0x8000_0000) != 0;
        if (!present) {
            return new Hypervisor(false, "");
        }
        CpuidResult leaf = cpuid.cpuid(0x4000_0000);
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(leaf.ebx()).putInt(leaf.ecx()).putInt(leaf.edx());
        return new Hypervisor(true, new String(b.array(), StandardCharsets.ISO_8859_1));
    }

    /** Reads this machine's CPUID. */
    public static Hypervisor detect() throws BackdoorUnavailableException {
        return detect(Cpuid.NATIVE);
    }

    /** Returns whether CPUID reports VMware (present bit and vendor {@code VMwareVMware}). */
    public boolean isVmware() {
        return present && VMWARE.equals(vendor);
    }
}
