package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.bridge.BridgeCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Reads bridge requests from one connection, reusing its buffers. */
final class RequestDecoder {
    private final ReadableByteChannel in;
    private final int maxPayload;
    private final ByteBuffer header = BridgeCodec.allocate(BridgeCodec.REQUEST_HEADER_SIZE);

    RequestDecoder(ReadableByteChannel in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /**
     * Returns the next request, or null at a clean end of stream.
     *
     * @throws MalformedRequestException on an unknown kind, a payload over the cap, or a cut-short request
     */
    BridgeRequest next() throws IOException {
        header.clear();
        try {
            if (!BridgeCodec.readFully(in, header, true)) {
                return null;
            }
        } catch (java.io.EOFException e) {
            throw new MalformedRequestException("request header cut short: " + e.getMessage());
        }
        header.flip();
        int code = header.get() & 0xFF;
        CallKind kind = CallKind.ofCode(code);
        if (kind == null) {
            throw new MalformedRequestException("unknown call kind " + code);
        }
        Registers registers = BridgeCodec.getRegisters(header);
        byte[] payload = new byte[0];
        long size = Integer.toUnsignedLong(BridgeCodec.payloadSize(kind, registers));
        if (size > maxPayload) {
            throw new MalformedRequestException("byte count " + size + " exceeds the bridge cap of " + maxPayload);
        }
        if (kind == CallKind.HIGH_BANDWIDTH_OUT) {
            payload = new byte[(int) size];
            try {
                BridgeCodec.readFully(in, ByteBuffer.wrap(payload), false);
            } catch (java.io.EOFException e) {
                throw new MalformedRequestException("payload cut short: " + e.getMessage());
            }
        }
        return new BridgeRequest(kind, registers, payload);
    }
}
