package io.github.guesttools.hgfs.archive;

import io.github.guesttools.identity.RegularFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a directory tree, or one file, as tar, tgz or txz: modes, mtimes (seconds), symlinks with
 * their targets and empty directories are kept; the walk never follows symlinks. Files that cannot
 * be read fail the archive (no silently partial archive); sockets, FIFOs and devices are skipped.
 */
public final class ArchiveWriter {
    private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime";

    private final int gzipLevel;
    private final int threads;

    /**
     * @param gzipLevel deflate level for tgz (6 is gzip's default)
     * @param threads compression threads for tgz
     */
    public ArchiveWriter(int gzipLevel, int threads) {
        this.gzipLevel = gzipLevel;
        this.threads = threads;
    }

    /**
     * Writes the archive of {@code source} to {@code out}, which is flushed, not closed.
     *
     * @param prefix prepended to every entry name (may be empty)
     */
    public void write(Path source, ArchiveFormat format, String prefix, OutputStream out) throws IOException {
        OutputStream shield = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        OutputStream compressed = switch (format) {
            case TAR -> shield;
            case TGZ -> new ParallelGzipOutputStream(shield, gzipLevel, threads);
            case TXZ -> new XZCompressorOutputStream(shield);
        };
        // 10240-byte blocks as GNU tar writes them; readers skip to a block boundary at the end
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed, 10240)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                writeTree(source, prefix, tar);
            } else {
                writeEntry(source, prefix + source.getFileName(), tar);
            }
            tar.finish();
        }
    }

    private void writeTree(Path root, String prefix, TarArchiveOutputStream tar) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    writeEntry(dir, prefix + relative(root, dir) + "/", tar);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                writeEntry(file, prefix + relative(root, file), tar);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString();
    }

    private void writeEntry(Path p, String name, TarArchiveOutputStream tar) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        TarArchiveEntry e;
        switch (mode & 0170000) {
            case 0040000 -> e = new TarArchiveEntry(name, TarConstants.LF_DIR);
            case 0120000 -> {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(p).toString());
            }
            case 0100000 -> {
                e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                e.setSize((Long) a.get("size"));
            }
            default -> {
                log.info("archive: skipping special file {}", p);
                return;
            }
        }
        e.setMode(mode & 07777);
        e.setUserId(Integer.toUnsignedLong((Integer) a.get("uid")));
        e.setGroupId(Integer.toUnsignedLong((Integer) a.get("gid")));
        long seconds = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS);
        e.setModTime(FileTime.from(seconds, TimeUnit.SECONDS));
        if ((mode & 0170000) == 0100000) {
            // never waits: a FIFO swapped in after the stat above is refused, not opened
            try (InputStream in = Channels.newInputStream(
                    RegularFiles.open(p, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
                tar.putArchiveEntry(e);
                copyExactly(in, tar, e.getSize(), p);
            }
        } else {
            tar.putArchiveEntry(e);
        }
        tar.closeArchiveEntry();
    }

    /** Copies {@code size} bytes; a file that shrank meanwhile is padded with zeros. */
    private static void copyExactly(InputStream in, OutputStream out, long size, Path p) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                log.warn("{} shrank while being archived; padding {} bytes", p, left);
                java.util.Arrays.fill(buf, (byte) 0);
                while (left > 0) {
                    int k = (int) Math.min(buf.length, left);
                    out.write(buf, 0, k);
                    left -= k;
                }
                return;
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
