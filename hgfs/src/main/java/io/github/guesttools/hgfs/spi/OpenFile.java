package io.github.guesttools.hgfs.spi;

import java.nio.ByteBuffer;

/**
 * An open file behind an HGFS handle. The server calls one method at a time per handle. Regular
 * files read and write at any offset; streams (see {@link StreamFile}) only sequentially.
 */
public interface OpenFile extends AutoCloseable {

    /**
     * Reads into {@code dst} from {@code offset}. A stream must fill {@code dst} unless it ends.
     *
     * @return bytes read; 0 at end of file
     */
    int read(long offset, ByteBuffer dst) throws HgfsException;

    /**
     * Writes all of {@code src} at {@code offset}, or at the end when {@code append}.
     *
     * @return bytes written
     */
    int write(long offset, ByteBuffer src, boolean append) throws HgfsException;

    /**
     * Releases the file. Its exception is the result the client sees for CLOSE (an upload that
     * failed to extract, for instance).
     */
    @Override
    void close() throws HgfsException;
}
