package io.github.guesttools.mdata.internal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Builds a frame body whose CRC-32 is 0 (the value mdata-client wrongly rejects). CRC-32 is affine
 * over GF(2), so choosing each of 40 payload characters between 'A' and 'C' (which differ in one
 * bit) gives 40 vectors; Gaussian elimination finds the subset that cancels the base CRC.
 */
final class ZeroCrcBody {
    private ZeroCrcBody() {}

    static String find(String prefix) {
        int n = 40;
        char[] payload = new char[n];
        java.util.Arrays.fill(payload, 'A');
        long base = crc(prefix, payload);
        long[] rows = new long[n];
        long[] masks = new long[n];
        for (int i = 0; i < n; i++) {
            payload[i] = 'C';
            rows[i] = crc(prefix, payload) ^ base;
            payload[i] = 'A';
            masks[i] = 1L << i;
        }
        // Reduce to find a combination of rows equal to base.
        long target = base;
        long chosen = 0;
        int rank = 0;
        for (int bit = 31; bit >= 0 && rank < n; bit--) {
            int pivot = -1;
            for (int r = rank; r < n; r++) {
                if ((rows[r] >>> bit & 1) != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long tr = rows[pivot];
            rows[pivot] = rows[rank];
            rows[rank] = tr;
            long tm = masks[pivot];
            masks[pivot] = masks[rank];
            masks[rank] = tm;
            for (int r = 0; r < n; r++) {
                if (r != rank && (rows[r] >>> bit & 1) != 0) {
                    rows[r] ^= rows[rank];
                    masks[r] ^= masks[rank];
                }
            }
            if ((target >>> bit & 1) != 0) {
                target ^= rows[rank];
                chosen ^= masks[rank];
            }
            rank++;
        }
        if (target != 0) {
            throw new IllegalStateException("no solution");
        }
        for (int i = 0; i < n; i++) {
            payload[i] = (chosen >>> i & 1) != 0 ? 'C' : 'A';
        }
        return prefix + new String(payload);
    }

    private static long crc(String prefix, char[] payload) {
        byte[] b = (prefix + new String(payload)).getBytes(StandardCharsets.US_ASCII);
        return Crc32Hex.value(b, 0, b.length);
    }
}
