package io.github.guesttools.toolbox.processfiles;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.process.StdinSink;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A process's stdin as a write-only file; closing the handle closes stdin. */
final class StdinFile implements OpenFile {
    private final StdinSink sink;

    StdinFile(StdinSink sink) {
        this.sink = sink;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws HgfsException {
        throw new HgfsException(HgfsStatus.ACCESS_DENIED, "stdin is write-only");
    }

    @Override
    public int write(long offset, ByteBuffer src, boolean append) throws HgfsException {
        if (!append && offset != sink.size()) {
            throw new HgfsException(
                    HgfsStatus.INVALID_PARAMETER,
                    "stdin is written sequentially: offset " + offset + ", written " + sink.size());
        }
        int n = src.remaining();
        byte[] bytes = new byte[n];
        src.get(bytes);
        try {
            sink.write(bytes, 0, n);
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
        return n;
    }

    @Override
    public void close() {
        sink.close();
    }
}
