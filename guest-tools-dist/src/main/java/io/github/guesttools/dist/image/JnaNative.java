package io.github.guesttools.dist.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Puts JNA's native part for linux-x86-64 ({@code libjnidispatch.so}, from the JNA jar being
 * shipped) in {@code lib/native}. The launchers point {@code jna.boot.library.path} at it, so JNA
 * loads it in place instead of unpacking it from the jar to a temporary file on every start (which
 * also needs a writable, executable temporary directory).
 */
final class JnaNative {
    static final String ENTRY = "com/sun/jna/linux-x86-64/libjnidispatch.so";

    private JnaNative() {}

    /** Makes {@code dir} and unpacks the library of the JNA jar among {@code jars} into it, if there is one. */
    static void unpack(List<Path> jars, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path jar : jars) {
            // jna-5.19.1.jar, not jna-platform-*.jar (which has no native part).
            if (!jar.getFileName().toString().matches("jna-[0-9][^/]*\\.jar")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(ENTRY);
                if (entry == null) {
                    throw new IOException(jar + " has no " + ENTRY);
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, dir.resolve("libjnidispatch.so"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
