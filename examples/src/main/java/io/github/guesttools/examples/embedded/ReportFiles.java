package io.github.guesttools.examples.embedded;

import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.StreamFile;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The HGFS scheme {@code /reports:/<name>}: the application's published reports as read-only
 * files the host downloads with InitiateFileTransferFromGuest, generated on demand.
 */
public final class ReportFiles implements FileHandler {
    private final AppState state;

    /** @param state where the reports come from */
    public ReportFiles(AppState state) {
        this.state = state;
    }

    @Override
    public FileAttributes stat(TransferPath path) throws HgfsException {
        byte[] content = content(path);
        return FileAttributes.virtual(content.length, 0444, 4, Instant.now());
    }

    @Override
    public OpenFile open(TransferPath path, OpenOptions options) throws HgfsException {
        return StreamFile.reading(new ByteArrayInputStream(content(path)));
    }

    private byte[] content(TransferPath path) throws HgfsException {
        String name = path.path().substring(1);
        return state.report(name)
                .orElseThrow(() -> HgfsException.notFound(path.name()))
                .getBytes(StandardCharsets.UTF_8);
    }
}
