package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link VixReply} as the TCLO reply {@code OK <error> <additional> <result>}; {@code OK}
 * is used even for VIX errors.
 */
public final class VixReplyEncoder {
    /** open-vm-tools' 64 KiB reply buffer minus the room it keeps for its prefix. */
    public static final int MAX_REPLY_SIZE = 65536 - 53;

    private VixReplyEncoder() {}

    /**
     * @param reply the reply
     * @return the TCLO reply bytes; a reply that would exceed {@link #MAX_REPLY_SIZE} becomes
     *         {@code OK 1 0 } + NUL, because a handler must never make the host read a cut reply
     */
    public static byte[] encode(VixReply reply) {
        byte[] prefix =
                ("OK " + reply.error() + " " + reply.additionalError() + " ").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer result = reply.result();
        int size = prefix.length + 1 + result.remaining();
        if (size > MAX_REPLY_SIZE) {
            return encode(VixReply.error(VixError.FAIL, 0));
        }
        byte[] out = new byte[size];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = prefix.length;
        if (reply.binary()) {
            out[at++] = '#';
            result.get(out, at, result.remaining());
        } else {
            result.get(out, at, result.remaining());
            out[size - 1] = 0;
        }
        return out;
    }
}
