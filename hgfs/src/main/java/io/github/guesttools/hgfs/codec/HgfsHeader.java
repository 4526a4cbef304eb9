package io.github.guesttools.hgfs.codec;

/**
 * The 52-byte V4 packet header. {@code packetSize} is not stored: the encoder computes it.
 *
 * @param version header version, 1
 * @param reserved1 the 3 reserved bytes after the version (kept for exact re-encoding)
 * @param requestId echoed in the reply (u32)
 * @param op the real op code ({@link HgfsOp})
 * @param status 0 in requests, the {@link HgfsStatus} code in replies
 * @param flags {@link #FLAG_REQUEST}, {@link #FLAG_REPLY}, {@link #FLAG_INFO_EXTERROR}
 * @param information 0 in requests; the status again in error replies
 * @param sessionId from CreateSessionV4
 * @param reserved trailing reserved u64
 */
public record HgfsHeader(
        int version,
        int reserved1,
        long requestId,
        int op,
        int status,
        int flags,
        int information,
        long sessionId,
        long reserved) {

    /** Size of the header on the wire. */
    public static final int SIZE = 52;

    public static final int VERSION_1 = 1;
    public static final int FLAG_REQUEST = 0x1;
    public static final int FLAG_REPLY = 0x2;
    public static final int FLAG_INFO_EXTERROR = 0x4;

    /** A request header as the VMX sends it. */
    public static HgfsHeader request(long requestId, int op, long sessionId) {
        return new HgfsHeader(VERSION_1, 0, requestId, op, 0, FLAG_REQUEST, 0, sessionId, 0);
    }

    /** The reply header for this request header, with {@code status}. */
    public HgfsHeader reply(HgfsStatus status) {
        int code = status.code();
        return new HgfsHeader(VERSION_1, 0, requestId, op, code, FLAG_REPLY, code, sessionId, 0);
    }
}
