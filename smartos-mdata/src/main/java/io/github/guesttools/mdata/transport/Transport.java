package io.github.guesttools.mdata.transport;

import java.io.Closeable;
import java.io.IOException;

/** A byte stream to the metadata host. Not thread-safe; one exchange at a time. */
public interface Transport extends Closeable {

    /** Writes all of {@code data}. */
    void write(byte[] data) throws IOException;

    /**
     * Reads what is available, waiting up to {@code timeoutMillis} for the first byte.
     *
     * @return the number of bytes read, 0 on timeout, -1 when the host closed the stream
     */
    int read(byte[] buf, int timeoutMillis) throws IOException;

    /**
     * Discards stale input before the resynchronisation probe (serial lines only): until the line
     * is quiet (10 ms), but for at most {@code maxMillis}, so that a host that never stops sending
     * cannot hold the caller.
     */
    void drain(long maxMillis) throws IOException;

    /** A short name for messages, e.g. {@code /dev/ttyS1}. */
    String description();

    @Override
    void close();
}
