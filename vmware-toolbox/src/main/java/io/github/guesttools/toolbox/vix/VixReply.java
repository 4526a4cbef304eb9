package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A VIX result as it goes into the TCLO reply: error, additional error (errno) and either text or,
 * when the host asked for it, raw binary.
 *
 * @param error the VIX error code
 * @param additionalError the errno or 0
 * @param binary true to send {@code #} + the result bytes instead of text + NUL
 * @param result the result text (UTF-8, without NUL) or binary (read-only)
 */
public record VixReply(long error, long additionalError, boolean binary, ByteBuffer result) {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    public VixReply {
        result = result.asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer result() {
        return result.duplicate();
    }

    /**
     * @param text the result text
     * @return a success reply carrying text
     */
    public static VixReply ok(String text) {
        return new VixReply(VixError.OK, 0, false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return a success reply with an empty result */
    public static VixReply ok() {
        return new VixReply(VixError.OK, 0, false, EMPTY);
    }

    /**
     * @param packet the raw result
     * @return a success reply sent as {@code #} + bytes
     */
    public static VixReply binary(ByteBuffer packet) {
        return new VixReply(VixError.OK, 0, true, packet);
    }

    /**
     * @param error the VIX error code
     * @param additionalError the errno or 0
     * @return an error reply with an empty text result
     */
    public static VixReply error(long error, long additionalError) {
        return new VixReply(error, additionalError, false, EMPTY);
    }

    /**
     * @param e the failure
     * @return its error reply
     */
    public static VixReply of(VixException e) {
        return error(e.error(), e.additionalError());
    }
}
