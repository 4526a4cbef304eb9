package io.github.guesttools.hgfs.codec;

/** HGFS op codes ({@code HgfsOp}); only those this project decodes, plus the new-header marker. */
public final class HgfsOp {
    public static final int OPEN = 0;
    public static final int CLOSE = 3;
    public static final int GETATTR_V2 = 15;
    public static final int SETATTR_V2 = 16;
    public static final int OPEN_V3 = 24;
    public static final int READ_V3 = 25;
    public static final int WRITE_V3 = 26;
    public static final int CLOSE_V3 = 27;
    public static final int CREATE_SESSION_V4 = 41;
    public static final int DESTROY_SESSION_V4 = 42;
    /** Number of defined ops (0..64). */
    public static final int MAX = 65;
    /** Placed where a legacy packet has its op, to announce the 52-byte {@link HgfsHeader}. */
    public static final int NEW_HEADER = 0xFF;

    private HgfsOp() {}

    /** Whether the payload of {@code op} starts with the legacy 8-byte request/reply prefix. */
    public static boolean hasLegacyPrefix(int op) {
        return op >= 0 && op < OPEN_V3;
    }
}
