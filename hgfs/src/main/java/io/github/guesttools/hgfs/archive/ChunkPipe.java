package io.github.guesttools.hgfs.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * A bounded byte pipe between two threads, in chunks. Written by hand because {@link
 * java.io.PipedInputStream} polls once a second, breaks when the writing thread ends, and cannot
 * pass the writer's failure to the reader; here a failure on either side reaches the other.
 */
final class ChunkPipe {
    private static final byte[] EOF = new byte[0];

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final int capacity;
    private final int chunkSize;
    private IOException writerFailure;
    private boolean readerClosed;

    ChunkPipe(int capacity, int chunkSize) {
        this.capacity = capacity;
        this.chunkSize = chunkSize;
    }

    private synchronized void put(byte[] chunk) throws IOException {
        try {
            while (chunks.size() >= capacity && !readerClosed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the pipe");
        }
        if (readerClosed) {
            throw new IOException("the reading side is closed");
        }
        chunks.add(chunk);
        notifyAll();
    }

    private synchronized byte[] take() throws IOException {
        try {
            while (chunks.isEmpty()) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading from the pipe");
        }
        byte[] chunk = chunks.peek() == EOF ? EOF : chunks.poll();
        notifyAll();
        if (chunk == EOF && writerFailure != null) {
            // a new exception for this thread's stack; truncation keeps its type
            IOException e = writerFailure instanceof java.io.EOFException
                    ? new java.io.EOFException(writerFailure.getMessage())
                    : new IOException(writerFailure.getMessage());
            e.initCause(writerFailure);
            throw e;
        }
        return chunk;
    }

    /** Whether the reader has gone (a download closed early). */
    synchronized boolean readerClosed() {
        return readerClosed;
    }

    /** Ends the stream with a failure the reader will see. */
    synchronized void fail(IOException e) {
        if (writerFailure == null) {
            writerFailure = e;
        }
        chunks.add(EOF);
        notifyAll();
    }

    private synchronized void closeReader() {
        readerClosed = true;
        chunks.clear();
        chunks.add(EOF);
        notifyAll();
    }

    /** The writing end; {@code close()} marks the end of the data. */
    OutputStream sink() {
        return new OutputStream() {
            private byte[] buf = new byte[chunkSize];
            private int len;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int n) throws IOException {
                if (closed) {
                    throw new IOException("pipe closed");
                }
                while (n > 0) {
                    int k = Math.min(n, buf.length - len);
                    System.arraycopy(b, off, buf, len, k);
                    len += k;
                    off += k;
                    n -= k;
                    if (len == buf.length) {
                        flush();
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                if (len > 0) {
                    byte[] chunk = len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
                    buf = new byte[chunkSize];
                    len = 0;
                    put(chunk);
                }
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    flush();
                    closed = true;
                    put(EOF);
                }
            }
        };
    }

    /** The reading end; {@code close()} makes further writes fail. */
    InputStream source() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int n) throws IOException {
                if (n == 0) {
                    return 0;
                }
                while (pos == chunk.length) {
                    if (chunk == EOF) {
                        return -1;
                    }
                    chunk = take();
                    pos = 0;
                }
                int k = Math.min(n, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, k);
                pos += k;
                return k;
            }

            @Override
            public void close() {
                closeReader();
            }
        };
    }
}
