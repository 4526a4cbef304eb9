package io.github.guesttools.rpc.internal.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Big-endian XDR output (RFC 4506) into a growable buffer. */
final class XdrWriter {
    private byte[] buf = new byte[512];
    private int len;

    void u32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    void bool(boolean v) {
        u32(v ? 1 : 0);
    }

    /** {@code opaque<max>}: length, bytes, zero padding to 4. */
    void opaque(byte[] b, int max, String what) {
        if (b.length > max) {
            throw new IllegalArgumentException(what + " longer than " + max + " bytes");
        }
        u32(b.length);
        ensure(b.length + 3);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        while ((len & 3) != 0) {
            buf[len++] = 0;
        }
    }

    void string(String s, int max, String what) {
        opaque(s.getBytes(StandardCharsets.UTF_8), max, what);
    }

    /** rpcgen {@code char x[n]}: n XDR ints, one per char, NUL-padded. */
    void charArray(String s, int n, String what) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length >= n) {
            throw new IllegalArgumentException(what + " longer than " + (n - 1) + " characters");
        }
        for (int i = 0; i < n; i++) {
            u32(i < b.length ? b[i] : 0);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
