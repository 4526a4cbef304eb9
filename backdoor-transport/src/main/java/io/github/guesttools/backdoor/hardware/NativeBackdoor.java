package io.github.guesttools.backdoor.hardware;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.Registers;
import java.nio.ByteBuffer;

/**
 * The real backdoor: executes the port instructions through the native helper (JNA).
 *
 * <p>A port instruction outside VMware raises SIGSEGV, which kills the JVM, so {@link #open()}
 * refuses with {@link BackdoorUnavailableException} unless CPUID reports a hypervisor with vendor
 * {@code VMwareVMware}. Hypervisors that emulate the port (QEMU {@code -machine vmport=on}, KVM
 * with {@code enable_vmware_backdoor=Y}) can be trusted explicitly with {@link #open(boolean)
 * open(true)} or the system property {@value #TRUST_EMULATED_PORT_PROPERTY}{@code =true}; even then
 * CPUID must report some hypervisor. Trusting a hypervisor that does not emulate the port crashes
 * the JVM at the first call.
 *
 * <p>HB calls need direct buffers (the instruction reads or writes the buffer's address).
 * Thread-safe: each call is one instruction on the calling thread.
 */
public final class NativeBackdoor implements Backdoor {

    /** System property that trusts a non-VMware hypervisor to emulate the port. */
    public static final String TRUST_EMULATED_PORT_PROPERTY = "io.github.guesttools.backdoor.trustEmulatedPort";

    private NativeBackdoor() {}

    /**
     * Opens the native backdoor on VMware, or on any hypervisor when the system property
     * {@value #TRUST_EMULATED_PORT_PROPERTY} is {@code true}.
     *
     * @throws BackdoorUnavailableException if this is not VMware (or no hypervisor when trusted),
     *     or the native helper is not available on this platform
     */
    public static NativeBackdoor open() throws BackdoorUnavailableException {
        return open(Boolean.getBoolean(TRUST_EMULATED_PORT_PROPERTY));
    }

    /**
     * Opens the native backdoor.
     *
     * @param trustEmulatedPort also accept a non-VMware hypervisor (it must emulate the port)
     * @throws BackdoorUnavailableException if the CPUID check fails or the helper is not available
     */
    public static NativeBackdoor open(boolean trustEmulatedPort) throws BackdoorUnavailableException {
        checkGate(Hypervisor.detect(), trustEmulatedPort);
        NativeHelper.load();
        return new NativeBackdoor();
    }

    /** The CPUID gate in front of every port instruction. */
    static void checkGate(Hypervisor hypervisor, boolean trustEmulatedPort) throws BackdoorUnavailableException {
        if (hypervisor.isVmware()) {
            return;
        }
        if (!hypervisor.present()) {
            throw new BackdoorUnavailableException("CPUID reports no hypervisor: the backdoor port would fault"
                    + " (SIGSEGV kills the JVM), so the native backdoor refuses to run");
        }
        if (!trustEmulatedPort) {
            throw new BackdoorUnavailableException("CPUID reports hypervisor '" + printable(hypervisor.vendor())
                    + "', not VMware: the native backdoor refuses to touch the port (a fault would kill the JVM);"
                    + " set -D" + TRUST_EMULATED_PORT_PROPERTY + "=true only if it emulates the VMware port");
        }
    }

    private static String printable(String vendor) {
        return vendor.replace("\0", "\\0");
    }

    @Override
    public Registers lowBandwidth(Registers in) {
        int[] regs = toArray(in);
        NativeHelper.gt_backdoor_lb(regs);
        return fromArray(regs);
    }

    @Override
    public Registers highBandwidthOut(Registers in, ByteBuffer source) {
        int[] regs = toArray(in);
        NativeHelper.gt_backdoor_hb_out(regs, address(source, in.ecx()));
        return fromArray(regs);
    }

    @Override
    public Registers highBandwidthIn(Registers in, ByteBuffer destination) {
        int[] regs = toArray(in);
        NativeHelper.gt_backdoor_hb_in(regs, address(destination, in.ecx()));
        return fromArray(regs);
    }

    private static Pointer address(ByteBuffer buffer, int count) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("high-bandwidth calls need a direct buffer");
        }
        if (Integer.toUnsignedLong(count) > buffer.remaining()) {
            throw new IllegalArgumentException("byte count " + Integer.toUnsignedLong(count) + " exceeds the buffer's "
                    + buffer.remaining() + " remaining bytes");
        }
        return Native.getDirectBufferPointer(buffer).share(buffer.position());
    }

    private static int[] toArray(Registers r) {
        return new int[] {r.eax(), r.ebx(), r.ecx(), r.edx(), r.esi(), r.edi(), r.ebp()};
    }

    private static Registers fromArray(int[] r) {
        return new Registers(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
    }

    @Override
    public String toString() {
        return "NativeBackdoor";
    }
}
