package io.github.guesttools.process;

import io.github.guesttools.process.internal.buffer.SpillBuffer;
import java.io.Closeable;
import java.io.IOException;

/**
 * The write end of a process's stdin. Writes never block on the process: they are buffered (heap,
 * then disk) and fed to it by a separate thread. Closing ends the process's stdin.
 */
public final class StdinSink implements Closeable {
    private final SpillBuffer buffer;

    StdinSink(SpillBuffer buffer) {
        this.buffer = buffer;
    }

    /** Bytes written so far by all writers. */
    public long size() {
        return buffer.size();
    }

    /**
     * Appends bytes.
     *
     * @throws IOException if stdin was already closed or the process ended
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        buffer.write(bytes, offset, length);
    }

    /** Ends the process's stdin. */
    @Override
    public void close() {
        buffer.finish();
    }
}
