package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;

/**
 * The undecoded body of an op this codec has no layout for; a plugged-in handler decodes it.
 *
 * @param opCode the op
 * @param body the body bytes (read-only)
 */
public record RawRequest(int opCode, ByteBuffer body) implements VixRequest {
    public RawRequest {
        body = body.asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer body() {
        return body.duplicate();
    }
}
