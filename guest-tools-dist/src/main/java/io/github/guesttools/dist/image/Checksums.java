package io.github.guesttools.dist.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Writes a {@code SHA256SUMS} file in the format {@code sha256sum -c} checks. */
public final class Checksums {
    private Checksums() {}

    /** Writes one line per file, sorted by file name, into {@code output}. */
    public static void write(List<Path> files, Path output) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : files.stream()
                .sorted((a, b) ->
                        a.getFileName().toString().compareTo(b.getFileName().toString()))
                .toList()) {
            text.append(sha256(file)).append("  ").append(file.getFileName()).append('\n');
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
    }

    /** The SHA-256 of a file's content, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
