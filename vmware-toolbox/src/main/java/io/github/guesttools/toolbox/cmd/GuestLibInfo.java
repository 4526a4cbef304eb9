package io.github.guesttools.toolbox.cmd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reply to {@code guestlib.info.get 3}, decoded ({@code toolbox-cmd.md} §2.1): the session id and the
 * statistics the host sent, in id order. Decoding reads only the reply's own bytes: a length or count that
 * points past them is an error, never a read beyond or a large allocation.
 *
 * @param sessionId the host's session id (changes when the VM moves)
 * @param stats statistic {@code i} has id {@code i + 1}
 */
record GuestLibInfo(long sessionId, List<Stat> stats) {
    /** The protocol version asked for and decoded. */
    static final int VERSION = 3;
    /** Ids above this are newer than this decoder; a longer list is cut here, as open-vm-tools does. */
    static final int MAX_ID = 38;

    static final int CPU_RESERVATION_MHZ = 1;
    static final int CPU_LIMIT_MHZ = 2;
    static final int MEM_RESERVATION_MB = 6;
    static final int MEM_LIMIT_MB = 7;
    static final int MEM_BALLOONED_MB = 12;
    static final int MEM_SWAPPED_MB = 13;

    private static final int HEADER = 4 + 8 + 4;
    private static final int STRING_MAX = 512;
    private static final int RESOURCE_POOL_PATH = 18;
    private static final int RESOURCE_POOL_PATH_LONG = 37;

    GuestLibInfo {
        stats = List.copyOf(stats);
    }

    /**
     * One statistic.
     *
     * @param id the type id ({@code guestlibV3.x})
     * @param valid whether the host has a value
     * @param value the number (0 for text statistics)
     * @param text the text of the two resource-pool statistics, else empty
     */
    record Stat(int id, boolean valid, long value, Optional<String> text) {}

    /** Why a reply could not be decoded. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /**
     * The statistic {@code id}, if the host sent it.
     *
     * @param id the type id
     * @return empty when the host's list is shorter (an older host)
     */
    Optional<Stat> stat(int id) {
        return id >= 1 && id <= stats.size() ? Optional.of(stats.get(id - 1)) : Optional.empty();
    }

    /**
     * Decodes a reply body (after {@code "1 "}): a packed little-endian header ({@code u32 version}, {@code u64
     * sessionId}, {@code u32 dataSize}) and {@code dataSize} bytes of XDR (big-endian): {@code u32 count}, then
     * {@code count} discriminated statistics.
     *
     * @throws FormatException for a short, lying or malformed reply
     */
    static GuestLibInfo decode(byte[] reply) throws FormatException {
        if (reply.length < HEADER) {
            throw new FormatException("reply of " + reply.length + " bytes is shorter than the 16-byte header");
        }
        ByteBuffer head = ByteBuffer.wrap(reply, 0, HEADER).order(ByteOrder.LITTLE_ENDIAN);
        int version = head.getInt();
        if (version != VERSION) {
            throw new FormatException("reply is version " + Integer.toUnsignedString(version) + ", not 3");
        }
        long session = head.getLong();
        long dataSize = Integer.toUnsignedLong(head.getInt());
        if (dataSize > reply.length - HEADER) {
            throw new FormatException(
                    "data size " + dataSize + " exceeds the " + (reply.length - HEADER) + " bytes received");
        }
        ByteBuffer xdr = ByteBuffer.wrap(reply, HEADER, (int) dataSize).order(ByteOrder.BIG_ENDIAN);
        long count = u32(xdr, "the statistics count");
        int n = (int) Math.min(count, MAX_ID);
        List<Stat> stats = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            long id = u32(xdr, "the id of statistic " + i);
            if (id != i) {
                throw new FormatException("statistic " + i + " has id " + Long.toUnsignedString(id));
            }
            stats.add(stat(xdr, i));
        }
        return new GuestLibInfo(session, stats);
    }

    private static Stat stat(ByteBuffer xdr, int id) throws FormatException {
        boolean valid = bool(xdr, id);
        if (id == RESOURCE_POOL_PATH || id == RESOURCE_POOL_PATH_LONG) {
            long length = u32(xdr, "the length of statistic " + id);
            long padded = (length + 3) & ~3L;
            if (id == RESOURCE_POOL_PATH && length > STRING_MAX) {
                throw new FormatException("statistic " + id + " is " + length + " bytes, more than " + STRING_MAX);
            }
            if (padded > xdr.remaining()) {
                throw new FormatException(
                        "statistic " + id + " claims " + length + " bytes; " + xdr.remaining() + " remain");
            }
            byte[] b = new byte[(int) length];
            xdr.get(b);
            xdr.position(xdr.position() + (int) (padded - length));
            return new Stat(id, valid, 0, Optional.of(new String(b, StandardCharsets.UTF_8)));
        }
        long value = wide(id) ? u64(xdr, id) : u32(xdr, "the value of statistic " + id);
        return new Stat(id, valid, value, Optional.empty());
    }

    /** The 64-bit statistics of {@code guestlibV3.x}; the rest are 32-bit. */
    private static boolean wide(int id) {
        return id == 4 || id == 17 || id == 19 || id == 20 || (id >= 22 && id <= 30) || id == 38;
    }

    private static boolean bool(ByteBuffer xdr, int id) throws FormatException {
        long b = u32(xdr, "the valid flag of statistic " + id);
        if (b > 1) {
            throw new FormatException("statistic " + id + " has valid flag " + b);
        }
        return b == 1;
    }

    private static long u32(ByteBuffer xdr, String what) throws FormatException {
        if (xdr.remaining() < 4) {
            throw new FormatException("reply ends before " + what);
        }
        return Integer.toUnsignedLong(xdr.getInt());
    }

    private static long u64(ByteBuffer xdr, int id) throws FormatException {
        if (xdr.remaining() < 8) {
            throw new FormatException("reply ends before the value of statistic " + id);
        }
        return xdr.getLong();
    }
}
