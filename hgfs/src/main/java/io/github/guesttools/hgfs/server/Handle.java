package io.github.guesttools.hgfs.server;

import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.nio.ByteBuffer;

/** An open file behind a handle; one operation at a time. */
final class Handle {
    final long id;
    final TransferPath path;
    final OpenOptions.Access access;
    private final OpenFile file;
    private boolean closed;

    Handle(long id, TransferPath path, OpenOptions.Access access, OpenFile file) {
        this.id = id;
        this.path = path;
        this.access = access;
        this.file = file;
    }

    synchronized int read(long offset, ByteBuffer dst) throws HgfsException {
        return file.read(offset, dst);
    }

    synchronized int write(long offset, ByteBuffer src, boolean append) throws HgfsException {
        return file.write(offset, src, append);
    }

    synchronized void close() throws HgfsException {
        if (!closed) {
            closed = true;
            file.close();
        }
    }
}
