package io.github.guesttools.benchmarks.hgfs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Generated benchmark inputs under /tmp (never in the repository), reused between runs. */
final class BenchData {
    static final Path ROOT = Path.of(System.getProperty("hgfs.bench.dir", "/tmp/hgfs-bench"));

    private BenchData() {}

    /** A file of {@code size} pseudo-random bytes. */
    static Path file(long size) {
        Path p = ROOT.resolve("file-" + size + ".bin");
        try {
            if (Files.exists(p) && Files.size(p) == size) {
                return p;
            }
            Files.createDirectories(ROOT);
            Random random = new Random(1);
            byte[] buf = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(p)) {
                for (long left = size; left > 0; left -= buf.length) {
                    random.nextBytes(buf);
                    out.write(buf, 0, (int) Math.min(buf.length, left));
                }
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String[] WORDS = {
        "public",
        "private",
        "static",
        "final",
        "class",
        "return",
        "if",
        "else",
        "for",
        "while",
        "int",
        "long",
        "String",
        "void",
        "new",
        "this",
        "null",
        "true",
        "false",
        "import",
        "package",
        "throws",
        "IOException",
        "buffer",
        "length",
        "offset",
        "count",
        "index",
        "value",
        "result",
        "session",
        "handle",
        "request",
        "reply",
        "status",
        "packet",
        "header",
        "name",
        "path",
        "file",
        "size",
        "data",
        "{",
        "}",
        "(",
        ")",
        ";",
        "=",
        "==",
        "+",
        "<",
        ">",
        "//"
    };

    /** About {@code totalBytes} of source-like text files in nested directories. */
    static Path sourceTree(long totalBytes) {
        Path root = ROOT.resolve("tree-" + totalBytes);
        Path done = ROOT.resolve("tree-" + totalBytes + ".done");
        if (Files.exists(done)) {
            return root;
        }
        try {
            Random random = new Random(7);
            long written = 0;
            int n = 0;
            while (written < totalBytes) {
                Path dir = root.resolve("module" + (n % 20)).resolve("src/main/java/pkg" + (n % 97));
                Files.createDirectories(dir);
                int size = 2_000 + random.nextInt(90_000);
                StringBuilder sb = new StringBuilder(size + 200);
                while (sb.length() < size) {
                    int indent = random.nextInt(5) * 2;
                    sb.append(" ".repeat(indent));
                    int words = 1 + random.nextInt(10);
                    for (int w = 0; w < words; w++) {
                        sb.append(WORDS[random.nextInt(WORDS.length)]);
                        if (random.nextInt(4) == 0) {
                            sb.append(random.nextInt(1000));
                        }
                        sb.append(' ');
                    }
                    sb.append('\n');
                }
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                Files.write(dir.resolve("File" + n + ".java"), bytes);
                written += bytes.length;
                n++;
            }
            Files.createFile(done);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
