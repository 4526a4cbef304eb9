package io.github.guesttools.rpc.internal.xdr;

import java.nio.charset.StandardCharsets;

/** Bounds-checked big-endian XDR input; every length is checked against the data and its limit. */
final class XdrReader {
    private final byte[] buf;
    private int pos;

    XdrReader(byte[] buf) {
        this.buf = buf;
    }

    int u32() throws NicInfoFormatException {
        need(4, "integer");
        int v = (buf[pos] & 0xff) << 24
                | (buf[pos + 1] & 0xff) << 16
                | (buf[pos + 2] & 0xff) << 8
                | buf[pos + 3] & 0xff;
        pos += 4;
        return v;
    }

    boolean bool(String what) throws NicInfoFormatException {
        int v = u32();
        if (v != 0 && v != 1) {
            throw new NicInfoFormatException(what + ": boolean " + Integer.toUnsignedString(v));
        }
        return v == 1;
    }

    /** An array count, refused when over {@code max} or larger than the remaining bytes could hold. */
    int count(int max, int minElementSize, String what) throws NicInfoFormatException {
        int n = u32();
        if (n < 0 || n > max) {
            throw new NicInfoFormatException(what + ": count " + Integer.toUnsignedString(n) + " over limit " + max);
        }
        if ((long) n * minElementSize > remaining()) {
            throw new NicInfoFormatException(
                    what + ": count " + n + " exceeds the remaining " + remaining() + " bytes");
        }
        return n;
    }

    byte[] opaque(int max, String what) throws NicInfoFormatException {
        int n = u32();
        if (n < 0 || n > max) {
            throw new NicInfoFormatException(what + ": length " + Integer.toUnsignedString(n) + " over limit " + max);
        }
        int padded = (n + 3) & ~3;
        need(padded, what);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        for (int i = n; i < padded; i++) {
            if (buf[pos + i] != 0) {
                throw new NicInfoFormatException(what + ": non-zero padding");
            }
        }
        pos += padded;
        return b;
    }

    String string(int max, String what) throws NicInfoFormatException {
        return new String(opaque(max, what), StandardCharsets.UTF_8);
    }

    /** rpcgen {@code char x[n]}: n XDR ints, up to the first NUL. */
    String charArray(int n, String what) throws NicInfoFormatException {
        need(4L * n, what);
        StringBuilder sb = new StringBuilder();
        boolean ended = false;
        for (int i = 0; i < n; i++) {
            int c = u32();
            if (c == 0) {
                ended = true;
            } else if (!ended) {
                if (c < 0 || c > 0xff) {
                    throw new NicInfoFormatException(what + ": character out of range");
                }
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    int remaining() {
        return buf.length - pos;
    }

    private void need(long n, String what) throws NicInfoFormatException {
        if (n > remaining()) {
            throw new NicInfoFormatException(what + ": truncated at offset " + pos);
        }
    }
}
