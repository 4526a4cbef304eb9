package io.github.guesttools.hgfs.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds a test tree and describes trees for byte-for-byte comparison. */
final class Trees {
    private Trees() {}

    /** Files of several sizes and modes, symlinks, empty directories, long and non-ASCII names. */
    static void populate(Path root) throws IOException {
        Random random = new Random(42);
        Files.createDirectories(root.resolve("src/main/java"));
        Files.createDirectories(root.resolve("empty/nested-empty"));
        Files.writeString(root.resolve("README.md"), "# hello\n".repeat(100));
        Files.write(root.resolve("empty-file"), new byte[0]);
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ("abcdefghij\n".charAt(random.nextInt(11)));
        }
        Files.write(root.resolve("src/big.txt"), big);
        byte[] noise = new byte[200_000];
        random.nextBytes(noise);
        Files.write(root.resolve("src/noise.bin"), noise);
        Path script = Files.writeString(root.resolve("src/run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = Files.writeString(root.resolve("src/secret"), "s3cret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("r--------"));
        String longName = "x".repeat(120) + "/" + "y".repeat(150) + ".java";
        Files.createDirectories(root.resolve("src/main/java").resolve(longName).getParent());
        Files.writeString(root.resolve("src/main/java").resolve(longName), "class Y {}\n");
        Files.writeString(root.resolve("src/main/java/Grüße-日本.txt"), "unicode\n");
        Files.createSymbolicLink(root.resolve("link-to-readme"), Path.of("README.md"));
        Files.createSymbolicLink(root.resolve("src/link-up"), Path.of("../empty"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("does-not-exist"));
        Path ro = Files.createDirectories(root.resolve("readonly-dir"));
        Files.writeString(ro.resolve("inside"), "in a read-only directory\n");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                long t = 1_500_000_000L + random.nextInt(100_000_000);
                Files.getFileAttributeView(
                                p, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(FileTime.from(t, TimeUnit.SECONDS), null, null);
            }
        }
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setLastModifiedTime(ro, FileTime.from(Instant.parse("2020-02-02T02:02:02Z")));
    }

    /** relative path → type, mode, mtime (seconds, not for symlinks), content digest or target. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> all = Files.walk(root)) {
            paths = all.filter(p -> !p.equals(root)).toList();
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.SECONDS);
            if (Files.isSymbolicLink(p)) {
                out.put(rel, "link -> " + Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p)) {
                out.put(rel, "dir " + Integer.toOctalString(mode & 07777) + " " + mtime);
            } else {
                out.put(
                        rel,
                        "file " + Integer.toOctalString(mode & 07777) + " " + mtime + " "
                                + digest(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String digest(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertThat(describe(actual)).isEqualTo(describe(expected));
    }

    /** Runs a tool, failing on a non-zero exit; returns its stdout. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }
}
