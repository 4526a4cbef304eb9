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
 * Puts the linux-x86-64 native libraries that JNA loads in {@code lib/native}, taken from the jars
 * being shipped: JNA's own part ({@code libjnidispatch.so}, from the JNA jar) and the backdoor's
 * port-instruction helper ({@code libguesttools_backdoor.so}, from backdoor-transport). The
 * launchers point {@code jna.boot.library.path} and {@code jna.library.path} at the directory, so
 * JNA loads them in place. Otherwise every start unpacks each one from its jar to a temporary file
 * (in the user's {@code ~/.cache/JNA}, which needs a writable, executable home) after searching
 * the system's library directories for it: about 20 ms of every {@code vmware-rpctool} run
 * (docs/PERFORMANCE.md).
 */
final class NativeLibraries {
    /** One library: the jars it may come from, its entry there, its file name in {@code lib/native}. */
    record Library(String jarPattern, String entry, String fileName) {}

    static final List<Library> LIBRARIES = List.of(
            // jna-5.19.1.jar, not jna-platform-*.jar (which has no native part)
            new Library("jna-[0-9][^/]*\\.jar", "com/sun/jna/linux-x86-64/libjnidispatch.so", "libjnidispatch.so"),
            new Library(
                    "backdoor-transport-[0-9][^/]*\\.jar",
                    "linux-x86-64/libguesttools_backdoor.so",
                    "libguesttools_backdoor.so"));

    private NativeLibraries() {}

    /** Makes {@code dir} and unpacks each library whose jar is among {@code jars} into it. */
    static void unpack(List<Path> jars, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path jar : jars) {
            for (Library library : LIBRARIES) {
                if (jar.getFileName().toString().matches(library.jarPattern())) {
                    unpack(jar, library, dir);
                }
            }
        }
    }

    private static void unpack(Path jar, Library library, Path dir) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(library.entry());
            if (entry == null) {
                throw new IOException(jar + " has no " + library.entry());
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, dir.resolve(library.fileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
