package io.github.guesttools.hgfs.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream compressed on several cores, as pigz does: the input is cut into blocks, each block
 * is deflated on its own thread with the previous block's last 32 KiB as dictionary and ends with
 * a sync flush, so the pieces concatenate into one ordinary gzip member (single-stream readers
 * work, and the ratio stays close to gzip's). Memory is bounded by the blocks in flight. Written
 * here because neither commons-compress nor the JDK offers a parallel deflater.
 */
final class ParallelGzipOutputStream extends OutputStream {
    private static final int BLOCK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

    private final OutputStream out;
    private final int level;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK];
    private int length;
    private byte[] dictionary;
    private long total;
    private boolean closed;

    /**
     * @param out receives the gzip stream (not closed by {@link #close()}; see {@link #finish()})
     * @param level deflate level 0..9 (gzip's default is 6)
     * @param threads compression threads
     */
    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this.out = out;
        this.level = level;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hgfs-gzip");
            t.setDaemon(true);
            return t;
        });
        this.maxInFlight = threads * 2;
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        crc.update(b, off, len);
        total += len;
        while (len > 0) {
            int n = Math.min(len, block.length - length);
            System.arraycopy(b, off, block, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == block.length) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] data = block;
        int n = length;
        byte[] dict = dictionary;
        dictionary = Arrays.copyOfRange(data, Math.max(0, n - DICTIONARY), n);
        block = new byte[BLOCK];
        length = 0;
        inFlight.add(pool.submit(() -> deflate(data, n, dict, last)));
        while (inFlight.size() >= maxInFlight) {
            writeHead();
        }
    }

    private void writeHead() throws IOException {
        try {
            out.write(inFlight.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed", e.getCause());
        }
    }

    private byte[] deflate(byte[] data, int n, byte[] dict, boolean last) {
        Deflater d = new Deflater(level, true);
        try {
            if (dict != null && dict.length > 0) {
                d.setDictionary(dict);
            }
            d.setInput(data, 0, n);
            byte[] buf = new byte[n + n / 8 + 1024];
            int len = 0;
            if (last) {
                d.finish();
                while (!d.finished()) {
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    len += d.deflate(buf, len, buf.length - len);
                }
            } else {
                // SYNC_FLUSH is complete once it returns less than the space it was given
                while (true) {
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    int avail = buf.length - len;
                    int k = d.deflate(buf, len, avail, Deflater.SYNC_FLUSH);
                    len += k;
                    if (k < avail) {
                        break;
                    }
                }
            }
            return Arrays.copyOf(buf, len);
        } finally {
            d.end();
        }
    }

    /** Compresses what is left, writes the gzip trailer, and flushes {@code out} (left open). */
    public void finish() throws IOException {
        if (closed) {
            return;
        }
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                writeHead();
            }
            int c = (int) crc.getValue();
            int size = (int) total;
            out.write(new byte[] {
                (byte) c,
                (byte) (c >> 8),
                (byte) (c >> 16),
                (byte) (c >> 24),
                (byte) size,
                (byte) (size >> 8),
                (byte) (size >> 16),
                (byte) (size >> 24)
            });
            out.flush();
        } finally {
            closed = true;
            abandon();
        }
    }

    private void abandon() {
        for (Future<byte[]> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
        pool.shutdownNow();
    }

    /** Finishes the stream and closes {@code out}. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}
