package io.github.guesttools.hgfs.codec;

/**
 * The 8-byte {@code HgfsRequest {id, op}} / {@code HgfsReply {id, status}} that the payload of a
 * legacy op (0..23) still carries after the V4 header.
 *
 * @param id request id (u32); vmtoolsd answers 0
 * @param opOrStatus the op in a request, the status in a reply
 */
public record LegacyPrefix(long id, int opOrStatus) {
    /** What vmtoolsd writes in replies: id 0, status 0 (the real status is in the V4 header). */
    public static final LegacyPrefix REPLY = new LegacyPrefix(0, 0);
}
