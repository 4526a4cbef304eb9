package io.github.guesttools.backdoor;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The VMware backdoor at register level: the three port instructions the guest can execute.
 *
 * <p>Implementations: the real one ({@code location.Backdoors.open("native")}), the
 * in-process VMX simulator ({@code io.github.guesttools.backdoor.simulator.VmxSimulator}) and the
 * client of the simulator bridge ({@code unix:/path}). All of them are safe for use by several
 * threads; each call is atomic.
 *
 * <p>A call that the host refuses is not an exception: it returns registers with the host's
 * status. {@link IOException} means the call could not be made (transport failure).
 */
public interface Backdoor extends Closeable {

    /** {@code BDOOR_MAGIC}, "VMXh", in EAX on every call. */
    int MAGIC = 0x564D5868;
    /** Low-bandwidth port, used with {@code IN EAX, DX}. */
    int LB_PORT = 0x5658;
    /** High-bandwidth port, used with {@code REP INSB} / {@code REP OUTSB}. */
    int HB_PORT = 0x5659;
    /** Backdoor command GETVERSION. */
    int CMD_GETVERSION = 10;
    /** Backdoor command MESSAGE (the GuestRPC message channel). */
    int CMD_MESSAGE = 30;
    /** The version GETVERSION returns on VMware. */
    int VERSION = 6;

    /**
     * Executes a low-bandwidth call ({@code IN EAX, DX}).
     *
     * @param in the registers to load
     * @return the registers after the call
     * @throws IOException if the call could not be made
     */
    Registers lowBandwidth(Registers in) throws IOException;

    /**
     * Executes a high-bandwidth guest-to-host call ({@code CLD; REP OUTSB}): sends the
     * {@code in.ecx()} bytes of {@code source} starting at its position. The ESI value of
     * {@code in} is ignored (the implementation supplies the buffer address). The buffer's position
     * and limit are not changed. The native implementation needs a direct buffer.
     *
     * @param in the registers to load (ECX = byte count)
     * @param source holds at least {@code in.ecx()} remaining bytes
     * @return the registers after the call; the status is in EBX high 16 bits
     * @throws IOException if the call could not be made
     */
    Registers highBandwidthOut(Registers in, ByteBuffer source) throws IOException;

    /**
     * Executes a high-bandwidth host-to-guest call ({@code CLD; REP INSB}): receives
     * {@code in.ecx()} bytes into {@code destination} starting at its position (only when the host
     * reports success). The EDI value of {@code in} is ignored (the implementation supplies the
     * buffer address). The buffer's position and limit are not changed. The native implementation
     * needs a direct buffer.
     *
     * @param in the registers to load (ECX = byte count)
     * @param destination has room for at least {@code in.ecx()} bytes
     * @return the registers after the call; the status is in EBX high 16 bits
     * @throws IOException if the call could not be made
     */
    Registers highBandwidthIn(Registers in, ByteBuffer destination) throws IOException;

    /**
     * Returns whether HB buffers must be direct (off-heap). True for the native backdoor, whose
     * instruction reads or writes a fixed address; the simulator and the bridge take heap buffers,
     * which saves the message channel a copy per transfer.
     */
    default boolean needsDirectBuffers() {
        return true;
    }

    /** Releases the transport (a bridge connection); does nothing for the others. */
    @Override
    default void close() throws IOException {}
}
