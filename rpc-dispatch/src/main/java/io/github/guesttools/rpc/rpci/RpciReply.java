package io.github.guesttools.rpc.rpci;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed RPCI reply: {@code 1 } + text on success, {@code 0 } + text on failure.
 *
 * @param success whether the host answered {@code 1}
 * @param body    the bytes after the two-byte status prefix
 */
public record RpciReply(boolean success, byte[] body) {

    /** Copies the body. */
    public RpciReply {
        body = body.clone();
    }

    /**
     * Parses reply bytes.
     *
     * @throws RpciProtocolException when the reply is shorter than 2 bytes or does not start with
     *                               {@code 1 } or {@code 0 }
     */
    public static RpciReply parse(byte[] reply) throws RpciProtocolException {
        if (reply.length < 2 || reply[1] != ' ' || (reply[0] != '1' && reply[0] != '0')) {
            throw new RpciProtocolException("malformed RPCI reply of " + reply.length + " bytes: " + printable(reply));
        }
        return new RpciReply(reply[0] == '1', Arrays.copyOfRange(reply, 2, reply.length));
    }

    /** Returns a copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as ISO-8859-1 text without trailing NULs. */
    public String text() {
        int end = body.length;
        while (end > 0 && body[end - 1] == 0) {
            end--;
        }
        return new String(body, 0, end, StandardCharsets.ISO_8859_1);
    }

    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 64); i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.length > 64 ? sb + "..." : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpciReply r && r.success == success && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(success) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return (success ? "1 " : "0 ") + printable(body);
    }
}
