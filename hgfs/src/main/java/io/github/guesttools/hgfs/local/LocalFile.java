package io.github.guesttools.hgfs.local;

import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A local file: positional reads and writes on a {@link FileChannel}. */
final class LocalFile implements OpenFile {
    private final FileChannel channel;

    LocalFile(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws HgfsException {
        int total = 0;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, offset + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw HgfsException.of(e);
        } catch (IllegalArgumentException e) {
            throw new HgfsException(
                    io.github.guesttools.hgfs.codec.HgfsStatus.INVALID_PARAMETER, "bad offset " + offset, e);
        }
        return total;
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean append) throws HgfsException {
        int total = 0;
        try {
            long at = append ? channel.size() : offset;
            while (src.hasRemaining()) {
                total += channel.write(src, at + total);
            }
        } catch (IOException e) {
            throw HgfsException.of(e);
        } catch (IllegalArgumentException e) {
            throw new HgfsException(
                    io.github.guesttools.hgfs.codec.HgfsStatus.INVALID_PARAMETER, "bad offset " + offset, e);
        }
        return total;
    }

    @Override
    public void close() throws HgfsException {
        try {
            channel.close();
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
    }
}
