package io.github.guesttools.process;

import io.github.guesttools.process.internal.buffer.SpillBuffer;
import java.io.IOException;

/** The final stdout or stderr of an ended process: a file of known size, read at any offset. */
public final class CapturedOutput {
    private final SpillBuffer buffer;

    CapturedOutput(SpillBuffer buffer) {
        this.buffer = buffer;
    }

    /** Size in bytes. */
    public long size() {
        return buffer.size();
    }

    /** True if output beyond the configured limit was dropped. */
    public boolean isTruncated() {
        return buffer.isTruncated();
    }

    /**
     * Copies bytes at a position.
     *
     * @return bytes copied, or -1 at the end
     * @throws IOException if the process entry expired meanwhile
     */
    public int read(long position, byte[] dst, int offset, int length) throws IOException {
        return buffer.read(position, dst, offset, length);
    }
}
