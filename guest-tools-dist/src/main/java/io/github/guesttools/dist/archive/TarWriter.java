package io.github.guesttools.dist.archive;

import io.github.guesttools.dist.tree.ImageTree;
import io.github.guesttools.dist.tree.TreeEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes an {@link ImageTree} as a compressed POSIX (pax) tar archive under one top directory.
 *
 * <pre>{@code
 * TarWriter.write(tree, "guest-tools-1.0", TarWriter.Compression.XZ, Path.of("guest-tools-1.0.tar.xz"));
 * }</pre>
 */
public final class TarWriter {
    /** The compression around the tar stream. */
    public enum Compression {
        /** gzip, level 9, header without time and name. */
        GZIP,
        /**
         * xz, preset 6 with a dictionary as large as the content up to 64 MiB (so that the image's
         * second copy of the jars, for Windows, costs almost nothing), CRC-64, single-threaded (so
         * the output does not depend on the machine). Unpacking needs that much memory.
         */
        XZ
    }

    private TarWriter() {}

    /**
     * Writes the archive.
     *
     * @param topDirectory the directory every entry is put under, e.g. {@code guest-tools-1.0}
     */
    public static void write(ImageTree tree, String topDirectory, Compression compression, Path output)
            throws IOException {
        FileTime time = FileTime.from(tree.timestamp());
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
                OutputStream compressed = compress(file, compression, contentSize(tree));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            tar.putArchiveEntry(entry(topDirectory + "/", TarConstants.LF_DIR, 0040755, time));
            tar.closeArchiveEntry();
            for (TreeEntry item : tree.entries()) {
                String name = topDirectory + "/" + item.path();
                switch (item.kind()) {
                    case DIRECTORY -> {
                        tar.putArchiveEntry(entry(name + "/", TarConstants.LF_DIR, item.posixMode(), time));
                        tar.closeArchiveEntry();
                    }
                    case SYMLINK -> {
                        TarArchiveEntry link = entry(name, TarConstants.LF_SYMLINK, item.posixMode(), time);
                        link.setLinkName(item.linkTarget());
                        tar.putArchiveEntry(link);
                        tar.closeArchiveEntry();
                    }
                    case FILE -> {
                        TarArchiveEntry regular = entry(name, TarConstants.LF_NORMAL, item.posixMode(), time);
                        regular.setSize(item.size());
                        tar.putArchiveEntry(regular);
                        try (InputStream in = Files.newInputStream(item.source())) {
                            in.transferTo(tar);
                        }
                        tar.closeArchiveEntry();
                    }
                    default -> throw new IllegalStateException("unknown kind " + item.kind());
                }
            }
            tar.finish();
        }
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, FileTime time) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(mode);
        entry.setLastModifiedTime(time);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
        return entry;
    }

    /** The xz dictionary: preset 6's 8 MiB, or the content's size up to 64 MiB when larger. */
    static int dictionarySize(long contentSize) {
        long mib = 1 << 20;
        return (int) Math.max(8 * mib, Math.min(64 * mib, (contentSize + mib - 1) / mib * mib));
    }

    private static long contentSize(ImageTree tree) {
        return tree.entries().stream()
                .mapToLong(e -> e.kind() == TreeEntry.Kind.FILE ? e.size() : 0)
                .sum();
    }

    private static OutputStream compress(OutputStream out, Compression compression, long contentSize)
            throws IOException {
        return switch (compression) {
            case GZIP -> {
                GzipParameters parameters = new GzipParameters();
                parameters.setCompressionLevel(9);
                parameters.setModificationTime(0);
                parameters.setOperatingSystem(3);
                yield new GzipCompressorOutputStream(out, parameters);
            }
            case XZ -> {
                LZMA2Options options = new LZMA2Options(6);
                options.setDictSize(dictionarySize(contentSize));
                yield new XZOutputStream(out, options);
            }
        };
    }
}
