package io.github.guesttools.mdata.internal.protocol;

import java.util.zip.CRC32;

/** CRC-32/ISO-HDLC (zlib) as written in V2 frames: 8 lower-case hex digits, zero-padded. */
public final class Crc32Hex {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Crc32Hex() {}

    /** Returns the CRC-32 of {@code data[offset, offset+length)}. */
    public static long value(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return crc.getValue();
    }

    /** Returns the wire form of the CRC-32 of {@code data}. */
    public static String of(byte[] data) {
        return hex8(value(data, 0, data.length));
    }

    /** Formats the low 32 bits of {@code value} as {@code %08x} without java.util.Formatter (start-up cost). */
    public static String hex8(long value) {
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(out);
    }
}
