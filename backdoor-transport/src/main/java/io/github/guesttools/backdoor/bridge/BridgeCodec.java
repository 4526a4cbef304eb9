package io.github.guesttools.backdoor.bridge;

import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Bytes of the simulator bridge (docs/protocols/simulator-bridge.md): a request is a kind byte, seven registers as
 * unsigned 32-bit little-endian values (EAX, EBX, ECX, EDX, ESI, EDI, EBP) and, for kind 2, ECX
 * payload bytes; a response is seven registers and, for kind 3 with SUCCESS in EBX high 16 bits,
 * the ECX bytes delivered to the guest. Knows bytes only, no meaning. Public because both ends
 * use it: {@link BridgeBackdoor} here and backdoor-simulator's {@code BridgeServer}, so the layout
 * exists once.
 */
public final class BridgeCodec {
    /** Bytes of the seven registers. */
    public static final int REGISTERS_SIZE = 4 * 7;
    /** Bytes of a request before its payload: the kind byte and the registers. */
    public static final int REQUEST_HEADER_SIZE = 1 + REGISTERS_SIZE;

    private static final int SUCCESS_BIT = 0x0001;

    private BridgeCodec() {}

    /** A little-endian buffer of {@code size} bytes. */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes the seven registers in wire order. */
    public static void putRegisters(ByteBuffer b, Registers r) {
        b.putInt(r.eax())
                .putInt(r.ebx())
                .putInt(r.ecx())
                .putInt(r.edx())
                .putInt(r.esi())
                .putInt(r.edi())
                .putInt(r.ebp());
    }

    /** Reads the seven registers in wire order. */
    public static Registers getRegisters(ByteBuffer b) {
        return new Registers(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }

    /**
     * Reads exactly {@code b.remaining()} bytes.
     *
     * @return false on EOF before the first byte when {@code eofAllowed}
     * @throws EOFException on EOF in the middle
     */
    public static boolean readFully(ReadableByteChannel in, ByteBuffer b, boolean eofAllowed) throws IOException {
        boolean first = true;
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                if (first && eofAllowed && b.position() == 0) {
                    return false;
                }
                throw new EOFException("bridge stream ended " + b.remaining() + " bytes short");
            }
            first = false;
        }
        return true;
    }

    /** Writes all of {@code b}. */
    public static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /**
     * Whether a high-bandwidth-in response carries the ECX bytes: when EBX's high 16 bits have the
     * success bit (the message channel's {@code MessageStatus.SUCCESS}, restated here because the
     * bridge's framing depends on it and the transport layer sits below the channel).
     */
    public static boolean deliversPayload(Registers response) {
        return (response.ebxHigh() & SUCCESS_BIT) != 0;
    }

    /** Payload bytes that follow a request of {@code kind}: ECX, none for low bandwidth. */
    public static int payloadSize(CallKind kind, Registers r) {
        return kind == CallKind.LOW_BANDWIDTH ? 0 : r.ecx();
    }
}
