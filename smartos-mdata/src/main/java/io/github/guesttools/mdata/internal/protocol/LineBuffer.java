package io.github.guesttools.mdata.internal.protocol;

import java.util.Arrays;

/**
 * Collects bytes and hands out LF-terminated lines (without the LF). Only LF ends a line: a CR is
 * data, unlike {@code BufferedReader.readLine()}.
 *
 * <p>A line longer than the limit is not kept: its first {@link #OVERSIZE_PREFIX} bytes are
 * returned once its LF arrives, flagged by {@link #lastLineTruncated()}, so the peer can still be
 * answered without letting one peer make the buffer grow without bound.
 */
public final class LineBuffer {
    /** How many bytes of an over-long line are kept. */
    public static final int OVERSIZE_PREFIX = 128;

    private final int maxLine;
    private byte[] buf = new byte[256];
    private int start;
    private int end;
    private boolean discarding;
    private byte[] discardedPrefix;
    private boolean lastTruncated;

    /** Creates a buffer that keeps lines up to {@code maxLine} bytes. */
    public LineBuffer(int maxLine) {
        if (maxLine < OVERSIZE_PREFIX) {
            throw new IllegalArgumentException("maxLine too small: " + maxLine);
        }
        this.maxLine = maxLine;
    }

    /** Appends received bytes. */
    public void append(byte[] data, int offset, int length) {
        if (end + length > buf.length) {
            compact();
            if (end + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + length));
            }
        }
        System.arraycopy(data, offset, buf, end, length);
        end += length;
    }

    /** Returns the next complete line, or null when none is buffered yet. */
    public byte[] nextLine() {
        int lf = -1;
        for (int i = start; i < end; i++) {
            if (buf[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (discarding) {
            if (lf < 0) {
                start = end;
                compact();
                return null;
            }
            start = lf + 1;
            discarding = false;
            lastTruncated = true;
            return discardedPrefix;
        }
        if (lf < 0) {
            if (end - start > maxLine) {
                discardedPrefix = Arrays.copyOfRange(buf, start, start + OVERSIZE_PREFIX);
                discarding = true;
                start = end;
                compact();
            }
            return null;
        }
        if (lf - start > maxLine) {
            byte[] prefix = Arrays.copyOfRange(buf, start, start + OVERSIZE_PREFIX);
            start = lf + 1;
            lastTruncated = true;
            return prefix;
        }
        byte[] line = Arrays.copyOfRange(buf, start, lf);
        start = lf + 1;
        lastTruncated = false;
        return line;
    }

    /** True when the line last returned was cut to its first {@link #OVERSIZE_PREFIX} bytes. */
    public boolean lastLineTruncated() {
        return lastTruncated;
    }

    /** Drops everything buffered, including a partial line. */
    public void clear() {
        start = 0;
        end = 0;
        discarding = false;
    }

    private void compact() {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
    }
}
