package io.github.guesttools.backdoor;

/**
 * The seven x86 registers a backdoor call loads and returns, as 32-bit values.
 *
 * <p>Every value is an unsigned 32-bit quantity stored in an {@code int}: compare with
 * {@link Integer#compareUnsigned} and widen with {@link Integer#toUnsignedLong}. Only the low
 * 32 bits of the real (64-bit) registers take part in the backdoor protocol.
 *
 * @param eax EAX: the magic on input, usually the result on output
 * @param ebx EBX: the command argument ("size")
 * @param ecx ECX: command (low 16 bits) and sub-command (high 16 bits); the byte count for HB calls
 * @param edx EDX: port (low 16 bits) and channel id (high 16 bits)
 * @param esi ESI: a cookie half, or the source address of an HB send
 * @param edi EDI: a cookie half, or the destination address of an HB receive
 * @param ebp EBP: a cookie half for HB calls
 */
public record Registers(int eax, int ebx, int ecx, int edx, int esi, int edi, int ebp) {

    /** All registers zero. */
    public static final Registers ZERO = new Registers(0, 0, 0, 0, 0, 0, 0);

    /** Returns the high 16 bits of ECX, where LB message calls carry their status. */
    public int ecxHigh() {
        return ecx >>> 16;
    }

    /** Returns the high 16 bits of EBX, where HB calls carry their status. */
    public int ebxHigh() {
        return ebx >>> 16;
    }

    /** Returns the high 16 bits of EDX, the channel id or message type of message calls. */
    public int edxHigh() {
        return edx >>> 16;
    }

    @Override
    public String toString() {
        return String.format(
                "Registers[eax=%08x, ebx=%08x, ecx=%08x, edx=%08x, esi=%08x, edi=%08x, ebp=%08x]",
                eax, ebx, ecx, edx, esi, edi, ebp);
    }
}
