package io.github.guesttools.hgfs.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Drops the download trailer {@code 1F 8B 08} when it ends the stream, so that a download
 * uploaded again is not taken for a truncated second gzip member. Unambiguous: a gzip stream of a
 * tar ends with the tar's length, a multiple of 512, whose upper bytes cannot read {@code 1F 8B
 * 08}; xz streams end with {@code YZ} or zero padding, and tar with zero blocks.
 */
final class TrailerTrimmingInputStream extends InputStream {
    private static final byte[] TRAILER = ArchiveHandler.TRAILER;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;

    TrailerTrimmingInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            // the last three bytes stay back until more data or the end shows what they are
            int ready = limit - pos - (eof ? 0 : TRAILER.length);
            if (ready > 0) {
                int n = Math.min(len, ready);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
            if (eof) {
                return -1;
            }
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                if (limit >= TRAILER.length
                        && Arrays.equals(buf, limit - TRAILER.length, limit, TRAILER, 0, TRAILER.length)) {
                    limit -= TRAILER.length;
                }
            } else {
                limit += n;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
