package io.github.guesttools.hgfs.codec;

import java.util.Arrays;

/** Growable little-endian writer. */
final class PacketWriter {
    private byte[] buf;
    private int pos;

    PacketWriter(int capacity) {
        buf = new byte[capacity];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    PacketWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    PacketWriter u32(int v) {
        ensure(4);
        LittleEndian.putInt(buf, pos, v);
        pos += 4;
        return this;
    }

    PacketWriter u64(long v) {
        ensure(8);
        LittleEndian.putLong(buf, pos, v);
        pos += 8;
        return this;
    }

    PacketWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    PacketWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    int position() {
        return pos;
    }

    void putInt(int at, int v) {
        LittleEndian.putInt(buf, at, v);
    }

    byte[] toByteArray() {
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }
}
