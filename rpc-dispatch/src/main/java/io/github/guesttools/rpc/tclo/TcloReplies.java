package io.github.guesttools.rpc.tclo;

import java.nio.charset.StandardCharsets;

/** The TCLO reply format of open-vm-tools ({@code docs/protocols/rpc.md} §7.1): exact strings, no NUL appended. */
public final class TcloReplies {
    /** {@code GUESTMSG_MAX_IN_SIZE}: the host refuses guest → host messages over 64 KiB. */
    public static final int MAX_REPLY = 64 * 1024;
    /** Reply to a request whose name no handler is registered for. */
    public static final byte[] UNKNOWN_COMMAND = ascii("ERROR Unknown Command");
    /** Reply to a request with an empty name. */
    public static final byte[] BAD_COMMAND = ascii("ERROR Bad command");
    /** Reply instead of a result that would exceed {@link #MAX_REPLY}. */
    public static final byte[] REPLY_TOO_LARGE = ascii("ERROR reply too large");
    /** Reply when a worker handler overran the handler bound. */
    public static final byte[] TIMED_OUT = ascii("ERROR Request timed out");
    /** Reply when every worker is busy. */
    public static final byte[] BUSY = ascii("ERROR Too many requests in progress");

    private static final byte[] OK = ascii("OK ");
    private static final byte[] ERROR = ascii("ERROR ");
    private static final int MAX_ERROR_TEXT = 1024;

    private TcloReplies() {}

    /** {@code OK } + result, or {@link #REPLY_TOO_LARGE} when the whole would exceed 64 KiB. */
    public static byte[] ok(byte[] result) {
        return prefixed(OK, result);
    }

    /** {@code ERROR } + message (ISO-8859-1, at most 1024 characters, NULs removed). */
    public static byte[] error(String message) {
        String m = message.replace('\0', ' ');
        if (m.length() > MAX_ERROR_TEXT) {
            m = m.substring(0, MAX_ERROR_TEXT);
        }
        return prefixed(ERROR, m.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] prefixed(byte[] prefix, byte[] body) {
        if ((long) prefix.length + body.length > MAX_REPLY) {
            return REPLY_TOO_LARGE.clone();
        }
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
