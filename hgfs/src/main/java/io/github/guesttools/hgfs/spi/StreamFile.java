package io.github.guesttools.hgfs.spi;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A sequential {@link OpenFile} over an {@link InputStream} (downloads: archives, process output)
 * or an {@link OutputStream} (uploads: archive extraction, process stdin). Reads fill the request
 * unless the stream ends; an offset behind the current position is refused with {@code
 * INVALID_PARAMETER}, one ahead of it skips the bytes between.
 */
public final class StreamFile implements OpenFile {

    /** Runs when the file is closed; its exception becomes the CLOSE status. */
    @FunctionalInterface
    public interface CloseAction {
        /** Finishes the transfer (e.g. waits for an extraction). */
        void run() throws HgfsException;
    }

    private final InputStream in;
    private final OutputStream out;
    private final CloseAction onClose;
    private long position;
    private boolean closed;

    private StreamFile(InputStream in, OutputStream out, CloseAction onClose) {
        this.in = in;
        this.out = out;
        this.onClose = onClose;
    }

    /** A download stream; closing closes {@code in}. */
    public static StreamFile reading(InputStream in) {
        return new StreamFile(in, null, () -> {});
    }

    /** A download stream; closing closes {@code in}, then runs {@code onClose}. */
    public static StreamFile reading(InputStream in, CloseAction onClose) {
        return new StreamFile(in, null, onClose);
    }

    /** An upload stream; closing closes {@code out} (e.g. a process's stdin). */
    public static StreamFile writing(OutputStream out) {
        return new StreamFile(null, out, () -> {});
    }

    /** An upload stream; closing closes {@code out}, then runs {@code onClose}. */
    public static StreamFile writing(OutputStream out, CloseAction onClose) {
        return new StreamFile(null, out, onClose);
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws HgfsException {
        if (in == null) {
            throw new HgfsException(HgfsStatus.ACCESS_DENIED, "stream is open for writing");
        }
        checkOffset(offset);
        try {
            if (offset > position) {
                long skip = offset - position;
                long skipped = in.skip(skip);
                position += skipped;
                while (position < offset && in.read() >= 0) {
                    position++;
                }
                if (position < offset) {
                    return 0;
                }
            }
            int total = 0;
            byte[] scratch = dst.hasArray() ? null : new byte[Math.min(dst.remaining(), 65536)];
            while (dst.hasRemaining()) {
                int n;
                if (scratch == null) {
                    n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                    if (n > 0) {
                        dst.position(dst.position() + n);
                    }
                } else {
                    n = in.read(scratch, 0, Math.min(scratch.length, dst.remaining()));
                    if (n > 0) {
                        dst.put(scratch, 0, n);
                    }
                }
                if (n < 0) {
                    break;
                }
                total += n;
            }
            position += total;
            return total;
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean append) throws HgfsException {
        if (out == null) {
            throw new HgfsException(HgfsStatus.ACCESS_DENIED, "stream is open for reading");
        }
        if (!append && offset != position) {
            throw new HgfsException(
                    HgfsStatus.INVALID_PARAMETER,
                    "a stream is written sequentially: offset " + offset + ", position " + position);
        }
        int n = src.remaining();
        try {
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] copy = new byte[n];
                src.get(copy);
                out.write(copy);
            }
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
        position += n;
        return n;
    }

    private void checkOffset(long offset) throws HgfsException {
        if (offset < position) {
            throw new HgfsException(
                    HgfsStatus.INVALID_PARAMETER,
                    "a stream is read sequentially: offset " + offset + " is behind position " + position);
        }
    }

    @Override
    public void close() throws HgfsException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (in != null) {
                in.close();
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            onClose.run();
            throw HgfsException.of(e);
        }
        onClose.run();
    }
}
