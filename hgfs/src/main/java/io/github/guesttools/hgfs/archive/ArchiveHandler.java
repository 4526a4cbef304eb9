package io.github.guesttools.hgfs.archive;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.StreamFile;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directory transfers (docs/protocols/hgfs.md §13), registered under the scheme {@code archive}: the server sends
 * {@code /archive:/path?format=tgz&prefix=p/} and every existing directory here. Reading streams
 * the archive from a producer thread through a bounded pipe, then the 3-byte trailer {@code 1F 8B
 * 08}; writing extracts the uploaded tar/tgz/txz with {@link SafeExtractor}, and CLOSE returns the
 * extraction's result.
 */
public final class ArchiveHandler implements FileHandler {
    private static final Logger log = LoggerFactory.getLogger(ArchiveHandler.class);

    /** Written after every archive so that a client reading to a size limit knows the end. */
    public static final byte[] TRAILER = {0x1F, (byte) 0x8B, 0x08};

    private static final int PIPE_CHUNKS = 16;
    private static final int PIPE_CHUNK_SIZE = 64 * 1024;

    private final ArchiveWriter writer;
    private final SafeExtractor extractor;

    /** gzip level 6, one compression thread per core, default limits. */
    public ArchiveHandler() {
        this(6, Runtime.getRuntime().availableProcessors(), ExtractionLimits.DEFAULT);
    }

    /**
     * @param gzipLevel deflate level for tgz downloads
     * @param threads compression threads for tgz downloads
     * @param limits caps for uploads
     */
    public ArchiveHandler(int gzipLevel, int threads, ExtractionLimits limits) {
        this.writer = new ArchiveWriter(gzipLevel, threads);
        this.extractor = new SafeExtractor(limits);
    }

    /** A synthetic regular file of unknown size, mode 0600, so that it passes "not a directory". */
    @Override
    public FileAttributes stat(TransferPath path) throws HgfsException {
        Path p = local(path);
        ArchiveFormat.of(path.parameter("format").orElse(""));
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw HgfsException.notFound(path.name());
        }
        return FileAttributes.virtual(FileAttributes.UNKNOWN_SIZE, 0600, 6, Instant.now());
    }

    private static Path local(TransferPath path) throws HgfsException {
        try {
            return Path.of(path.path());
        } catch (InvalidPathException e) {
            throw new HgfsException(HgfsStatus.INVALID_NAME, e.getMessage(), e);
        }
    }

    @Override
    public OpenFile open(TransferPath path, OpenOptions options) throws HgfsException {
        Path p = local(path);
        ArchiveFormat format = ArchiveFormat.of(path.parameter("format").orElse(""));
        return options.access() == OpenOptions.Access.READ ? download(path, p, format) : upload(path, p);
    }

    private OpenFile download(TransferPath path, Path p, ArchiveFormat format) throws HgfsException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw HgfsException.notFound(path.name());
        }
        String prefix = path.parameter("prefix").orElse("");
        ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS, PIPE_CHUNK_SIZE);
        Thread producer = new Thread(
                () -> produce(
                        pipe,
                        out -> {
                            writer.write(p, format, prefix, out);
                            out.write(TRAILER);
                        },
                        p),
                "hgfs-archive-" + p.getFileName());
        producer.setDaemon(true);
        producer.start();
        return StreamFile.reading(pipe.source());
    }

    /** Writes an archive into an output stream. */
    @FunctionalInterface
    interface ArchiveBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code body} into the pipe and ends it. The end of the data is marked only after a
     * complete archive: on a failure the sink is never closed (which would flush the partial chunk
     * and a clean end that the reader may take before the failure is recorded, a silently truncated
     * archive), the failure itself ends the stream.
     */
    static void produce(ChunkPipe pipe, ArchiveBody body, Path p) {
        OutputStream out = pipe.sink();
        try {
            body.writeTo(out);
            out.close();
        } catch (IOException e) {
            if (pipe.readerClosed()) {
                log.debug("archive download of {} closed by the client before the end", p);
            } else {
                log.warn("archive download of {} failed: {}", p, e.toString());
                pipe.fail(e);
            }
        }
    }

    private OpenFile upload(TransferPath path, Path target) throws HgfsException {
        try {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(target);
            }
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new HgfsException(HgfsStatus.NOT_DIRECTORY, path.name() + " is not a directory");
        }
        ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS, PIPE_CHUNK_SIZE);
        AtomicReference<HgfsException> failure = new AtomicReference<>();
        Thread consumer = new Thread(
                () -> {
                    try (InputStream in = pipe.source()) {
                        extractor.extract(in, target);
                        in.transferTo(OutputStream.nullOutputStream()); // trailing blocks, trailer
                    } catch (HgfsException e) {
                        log.warn("archive upload into {} refused: {}", target, e.getMessage());
                        failure.set(e);
                    } catch (IOException e) {
                        failure.set(HgfsException.of(e));
                    }
                },
                "hgfs-extract-" + target.getFileName());
        consumer.setDaemon(true);
        consumer.start();
        OutputStream sink = new FilterOutputStream(pipe.sink()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw failure.get() != null ? failure.get() : e;
                }
            }
        };
        return StreamFile.writing(sink, () -> {
            try {
                consumer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HgfsException(HgfsStatus.GENERIC_ERROR, "interrupted waiting for extraction");
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        });
    }
}
