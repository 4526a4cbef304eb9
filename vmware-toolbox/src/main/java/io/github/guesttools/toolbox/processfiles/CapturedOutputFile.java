package io.github.guesttools.toolbox.processfiles;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.process.CapturedOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A finished stdout/stderr as a read-only file: reads at any offset, 0 bytes at the end. */
final class CapturedOutputFile implements OpenFile {
    private static final int CHUNK = 64 * 1024;

    private final CapturedOutput output;

    CapturedOutputFile(CapturedOutput output) {
        this.output = output;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws HgfsException {
        if (offset < 0) {
            throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "negative offset");
        }
        byte[] chunk = new byte[Math.min(CHUNK, dst.remaining())];
        int total = 0;
        try {
            while (dst.hasRemaining()) {
                int n = output.read(offset + total, chunk, 0, Math.min(chunk.length, dst.remaining()));
                if (n <= 0) {
                    break;
                }
                dst.put(chunk, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
        return total;
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean append) throws HgfsException {
        throw new HgfsException(HgfsStatus.ACCESS_DENIED, "process output is read-only");
    }

    @Override
    public void close() {
        // nothing held: the buffer belongs to the process entry
    }
}
