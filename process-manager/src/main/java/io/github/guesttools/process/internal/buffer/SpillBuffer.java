package io.github.guesttools.process.internal.buffer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * An append-only byte store for process I/O: bytes stay on the heap up to a threshold, then the
 * whole content moves to a private temporary file (mode 0600) and later bytes are appended there,
 * up to a hard limit past which bytes are dropped and {@link #isTruncated()} is set. Readers can
 * read at any position ({@link #read}) or follow the data as it arrives ({@link #newInputStream}).
 *
 * <p>Two optional {@link ByteBudget}s bound what many buffers hold together (a user's and the
 * agent's share): heap bytes, beyond which a buffer spills to disk early, and stored bytes (heap
 * plus disk), beyond which bytes are dropped as at the size limit. The spill file is made by a
 * {@link SpillFiles}, so that a caller acting with a user's identity can still create and delete it
 * in the agent's private directory.
 *
 * <p>Written here rather than taken from a library because it must combine three things no
 * common library offers together: positional reads while a writer appends, blocking sequential
 * readers, and a heap-to-disk switch with a private file that is deleted on {@link #close()}.
 */
public final class SpillBuffer implements Closeable {
    private static final int INITIAL_CAPACITY = 256;

    private final Path directory;
    private final int memoryLimit;
    private final long sizeLimit;
    private final ByteBudget heapBudget;
    private final ByteBudget storeBudget;
    private final SpillFiles files;

    private byte[] heap = new byte[0];
    private FileChannel file;
    private Path filePath;
    private long size;
    private boolean finished;
    private boolean truncated;
    private boolean released;

    /**
     * Creates an empty buffer.
     *
     * @param directory private directory for the spill file (should be mode 0700)
     * @param memoryLimit bytes kept on the heap before spilling to disk
     * @param sizeLimit total bytes kept; later bytes are dropped
     */
    public SpillBuffer(Path directory, int memoryLimit, long sizeLimit) {
        this(directory, memoryLimit, sizeLimit, ByteBudget.UNLIMITED, ByteBudget.UNLIMITED, SpillFiles.DIRECT);
    }

    /**
     * Creates an empty buffer that shares budgets with others.
     *
     * @param heapBudget heap bytes shared with other buffers; when it is spent, this one spills
     * @param storeBudget bytes (heap and disk) shared with other buffers; when spent, bytes drop
     * @param files makes and deletes the spill file
     */
    public SpillBuffer(
            Path directory,
            int memoryLimit,
            long sizeLimit,
            ByteBudget heapBudget,
            ByteBudget storeBudget,
            SpillFiles files) {
        if (memoryLimit < 0 || sizeLimit < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.directory = Objects.requireNonNull(directory, "directory");
        this.memoryLimit = memoryLimit;
        this.sizeLimit = sizeLimit;
        this.heapBudget = Objects.requireNonNull(heapBudget, "heapBudget");
        this.storeBudget = Objects.requireNonNull(storeBudget, "storeBudget");
        this.files = Objects.requireNonNull(files, "files");
    }

    /**
     * Appends bytes. Bytes beyond the size limit are dropped (the buffer is then truncated).
     *
     * @throws IOException if the buffer is finished or closed, or the spill file cannot be written
     */
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (released || finished) {
            throw new IOException("buffer is " + (released ? "closed" : "finished"));
        }
        int kept = (int) storeBudget.reserveUpTo(Math.min(length, sizeLimit - size));
        if (kept < length) {
            truncated = true;
        }
        if (kept == 0) {
            return;
        }
        try {
            if (file == null && size + kept <= memoryLimit && ensureHeapCapacity((int) size + kept)) {
                System.arraycopy(bytes, offset, heap, (int) size, kept);
            } else {
                if (file == null) {
                    spill();
                }
                writeFully(ByteBuffer.wrap(bytes, offset, kept), size);
            }
        } catch (IOException | RuntimeException e) {
            storeBudget.release(kept);
            throw e;
        }
        size += kept;
        notifyAll();
    }

    /** Marks the end of the data: readers see end-of-stream after the last byte. */
    public synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** Bytes held so far. */
    public synchronized long size() {
        return size;
    }

    /** True once {@link #finish()} was called. */
    public synchronized boolean isFinished() {
        return finished;
    }

    /** True when bytes were dropped because the size limit was reached. */
    public synchronized boolean isTruncated() {
        return truncated;
    }

    /** True while the content is on disk rather than on the heap. */
    public synchronized boolean isSpilled() {
        return file != null;
    }

    /** The spill file, if the content has moved to disk (for tests and diagnostics). */
    public synchronized Path spillFile() {
        return filePath;
    }

    /**
     * Waits until the buffer is finished.
     *
     * @return true if finished within the timeout
     */
    public synchronized boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finished && !released) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waitNanos(left);
        }
        return finished;
    }

    /**
     * Copies bytes at a position without waiting.
     *
     * @return the number of bytes copied; 0 if none are available yet; -1 at the end of a finished
     *     buffer
     * @throws IOException if the buffer was closed or the spill file cannot be read
     */
    public synchronized int read(long position, byte[] dst, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dst.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (released) {
            throw new IOException("buffer is closed");
        }
        if (position >= size) {
            return finished ? -1 : 0;
        }
        int count = (int) Math.min(length, size - position);
        if (file == null) {
            System.arraycopy(heap, (int) position, dst, offset, count);
            return count;
        }
        ByteBuffer target = ByteBuffer.wrap(dst, offset, count);
        while (target.hasRemaining()) {
            if (file.read(target, position + target.position() - offset) < 0) {
                throw new IOException("spill file shorter than recorded");
            }
        }
        return count;
    }

    /** An output stream that appends to this buffer; closing it finishes the buffer. */
    public OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                SpillBuffer.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                SpillBuffer.this.write(b, off, len);
            }

            @Override
            public void close() {
                finish();
            }
        };
    }

    /**
     * A stream over the whole content from the start; reads block until bytes arrive or the buffer
     * is finished. An interrupt while waiting raises {@link InterruptedIOException}.
     */
    public InputStream newInputStream() {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = awaitAndRead(position, b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        };
    }

    private synchronized int awaitAndRead(long position, byte[] b, int off, int len) throws IOException {
        while (!released && !finished && position >= size) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for input");
            }
        }
        return read(position, b, off, len);
    }

    /** Releases the heap and deletes the spill file; later reads and writes fail. */
    @Override
    public synchronized void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        heapBudget.release(heap.length);
        storeBudget.release(size);
        heap = new byte[0];
        notifyAll();
        if (file != null) {
            try {
                file.close();
            } finally {
                files.delete(filePath);
            }
        }
    }

    /** Grows the heap array within the heap budget; false when the budget is spent (spill then). */
    private boolean ensureHeapCapacity(int needed) {
        if (needed > heap.length) {
            long grown = Math.max((long) heap.length * 2, INITIAL_CAPACITY);
            int capacity = (int) Math.min(Math.max(grown, needed), memoryLimit);
            if (!heapBudget.tryReserve(capacity - heap.length)) {
                return false;
            }
            heap = Arrays.copyOf(heap, capacity);
        }
        return true;
    }

    private void spill() throws IOException {
        SpillFiles.Spill spill = files.create(directory);
        filePath = spill.path();
        file = spill.channel();
        writeFully(ByteBuffer.wrap(heap, 0, (int) size), 0);
        heapBudget.release(heap.length);
        heap = new byte[0];
    }

    private void writeFully(ByteBuffer source, long position) throws IOException {
        long at = position;
        while (source.hasRemaining()) {
            at += file.write(source, at);
        }
    }

    private void waitNanos(long nanos) throws InterruptedException {
        long millis = Math.max(1, nanos / 1_000_000);
        wait(millis);
    }
}
