package io.github.guesttools.hgfs.codec;

/** Little-endian reader over a slice that checks every length against the bytes present. */
final class PacketReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    PacketReader(byte[] buf, int from, int limit) {
        this.buf = buf;
        this.pos = from;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    void bytesSkip(int n, String what) throws HgfsProtocolException {
        need(n, what);
        pos += n;
    }

    int remaining() {
        return limit - pos;
    }

    private void need(int n, String what) throws HgfsProtocolException {
        if (n < 0 || n > limit - pos) {
            throw new HgfsProtocolException(
                    "truncated packet: " + what + " needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    int u8(String what) throws HgfsProtocolException {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u32(String what) throws HgfsProtocolException {
        need(4, what);
        int v = LittleEndian.getInt(buf, pos);
        pos += 4;
        return v;
    }

    long u64(String what) throws HgfsProtocolException {
        need(8, what);
        long v = LittleEndian.getLong(buf, pos);
        pos += 8;
        return v;
    }

    /** Reads {@code length} bytes, where {@code length} is an unsigned u32 from the packet. */
    byte[] bytes(int length, String what) throws HgfsProtocolException {
        if (Integer.compareUnsigned(length, limit - pos) > 0) {
            throw new HgfsProtocolException(what + " length " + Integer.toUnsignedString(length) + " exceeds the "
                    + (limit - pos) + " bytes left");
        }
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }
}
