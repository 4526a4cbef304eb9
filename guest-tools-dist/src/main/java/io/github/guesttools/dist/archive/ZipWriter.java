package io.github.guesttools.dist.archive;

import io.github.guesttools.dist.tree.ImageTree;
import io.github.guesttools.dist.tree.TreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes an {@link ImageTree} as a ZIP archive under one top directory, with Unix modes and
 * symbolic links in the external attributes (as Info-ZIP does) and UTF-8 names.
 */
public final class ZipWriter {
    private ZipWriter() {}

    /**
     * Writes the archive.
     *
     * @param topDirectory the directory every entry is put under, e.g. {@code guest-tools-1.0}
     */
    public static void write(ImageTree tree, String topDirectory, Path output) throws IOException {
        long time = dosTimeInput(tree.timestamp().toEpochMilli());
        Files.deleteIfExists(output);
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(output)) {
            zip.setEncoding(StandardCharsets.UTF_8.name());
            zip.setUseLanguageEncodingFlag(true);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setLevel(9);
            putDirectory(zip, topDirectory + "/", 0040755, time);
            for (TreeEntry item : tree.entries()) {
                String name = topDirectory + "/" + item.path();
                switch (item.kind()) {
                    case DIRECTORY -> putDirectory(zip, name + "/", item.posixMode(), time);
                    case SYMLINK -> {
                        byte[] target = item.linkTarget().getBytes(StandardCharsets.UTF_8);
                        ZipArchiveEntry link = entry(name, item.posixMode(), time, ZipEntry.STORED, target.length);
                        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                        crc.update(target);
                        link.setCrc(crc.getValue());
                        zip.putArchiveEntry(link);
                        zip.write(target);
                        zip.closeArchiveEntry();
                    }
                    case FILE -> {
                        zip.putArchiveEntry(entry(name, item.posixMode(), time, ZipEntry.DEFLATED, item.size()));
                        try (InputStream in = Files.newInputStream(item.source())) {
                            in.transferTo(zip);
                        }
                        zip.closeArchiveEntry();
                    }
                    default -> throw new IllegalStateException("unknown kind " + item.kind());
                }
            }
            zip.finish();
        }
    }

    private static void putDirectory(ZipArchiveOutputStream zip, String name, int mode, long time) throws IOException {
        ZipArchiveEntry dir = entry(name, mode, time, ZipEntry.STORED, 0);
        dir.setCrc(0);
        zip.putArchiveEntry(dir);
        zip.closeArchiveEntry();
    }

    private static ZipArchiveEntry entry(String name, int mode, long time, int method, long size) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(mode);
        entry.setTime(time);
        entry.setMethod(method);
        entry.setSize(size);
        return entry;
    }

    /**
     * ZIP stores local date and time fields, which the libraries fill from the default time zone.
     * Shifting by that zone's offset makes the fields show the timestamp in UTC on every machine.
     */
    static long dosTimeInput(long utcMillis) {
        return utcMillis - TimeZone.getDefault().getOffset(utcMillis);
    }
}
