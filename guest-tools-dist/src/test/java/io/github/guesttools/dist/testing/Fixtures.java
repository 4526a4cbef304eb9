package io.github.guesttools.dist.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/** The fixture tree every writer test packs: the awkward cases of a real guest-tools image. */
public final class Fixtures {
    public static final String LONG_NAME =
            "a-rather-long-file-name-well-beyond-eight-dot-three-and-sixty-four-characters-of-joliet.properties";
    public static final String UNICODE_DIR = "grüße";
    public static final String UNICODE_FILE = "日本語のファイル — ünïcödé.txt";
    public static final String DEEP_DIR = "d1/d2/d3/d4/d5/d6/d7/d8/d9/d10";

    private Fixtures() {}

    /** Creates the fixture under {@code root} (which must not exist yet) and returns it. */
    public static Path create(Path root) throws IOException {
        Files.createDirectories(root);
        write(root, "README", "Guest tools fixture\n", "rw-r--r--");
        write(root, "bin/run.sh", "#!/bin/sh\necho run\n", "rwxr-xr-x");
        Files.createSymbolicLink(root.resolve("bin/run"), Path.of("run.sh"));
        write(root, "data/notes.txt", "notes\n", "rw-r--r--");
        write(root, "data/private.key", "secret\n", "rw-------");
        write(root, "data/empty.txt", "", "rw-r--r--");
        write(root, "data/" + LONG_NAME, "long\n", "rw-r--r--");
        write(root, "data/collision-one.txt", "1\n", "rw-r--r--");
        write(root, "data/collision-two.txt", "2\n", "rw-r--r--");
        write(root, "data/COLLISION-ONE.TXT", "3\n", "rw-r--r--");
        write(root, UNICODE_DIR + "/" + UNICODE_FILE, "unicode\n", "rwxr-x---");
        Files.createSymbolicLink(root.resolve("latest"), Path.of("data/notes.txt"));
        Files.createSymbolicLink(root.resolve("absolute-link"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(root.resolve(UNICODE_DIR + "/up"), Path.of("../bin/./run.sh"));
        Files.createDirectories(root.resolve("empty"));
        write(root, DEEP_DIR + "/deep.txt", "deep\n", "rw-r--r--");
        byte[] blob = new byte[3 * 1024 * 1024 + 123];
        new Random(42).nextBytes(blob);
        Files.createDirectories(root.resolve("big"));
        Files.write(root.resolve("big/blob.bin"), blob);
        Files.setPosixFilePermissions(root.resolve("big/blob.bin"), PosixFilePermissions.fromString("rw-r--r--"));
        try (var dirs = Files.walk(root)) {
            for (Path dir : (Iterable<Path>)
                    dirs.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))::iterator) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return root;
    }

    private static void write(Path root, String path, String content, String perms) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }
}
