package io.github.guesttools.dist.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.iso.IsoWriter;
import io.github.guesttools.dist.testing.Fixtures;
import io.github.guesttools.dist.tree.ImageTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two builds from two copies of the tree, with other file times and time zone, give the same bytes. */
class ReproducibilityTest {
    static final Instant TIME = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void everyFormatIsByteIdenticalAcrossBuilds(@TempDir Path tmp) throws IOException {
        Path first = Fixtures.create(tmp.resolve("one"));
        Path second = Fixtures.create(tmp.resolve("two"));
        try (Stream<Path> paths = Files.walk(second)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
                }
            }
        }
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            build(first, tmp.resolve("a"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            build(second, tmp.resolve("b"));
        } finally {
            TimeZone.setDefault(original);
        }
        for (String name : new String[] {"x.iso", "x.zip", "x.tar.gz", "x.tar.xz"}) {
            assertThat(Files.mismatch(
                            tmp.resolve("a").resolve(name), tmp.resolve("b").resolve(name)))
                    .as(name)
                    .isEqualTo(-1L);
        }
    }

    private static void build(Path source, Path out) throws IOException {
        Files.createDirectories(out);
        ImageTree tree = ImageTree.scan(source, TIME);
        new IsoWriter("Guest Tools").write(tree, out.resolve("x.iso"));
        ZipWriter.write(tree, "top", out.resolve("x.zip"));
        TarWriter.write(tree, "top", TarWriter.Compression.GZIP, out.resolve("x.tar.gz"));
        TarWriter.write(tree, "top", TarWriter.Compression.XZ, out.resolve("x.tar.xz"));
    }
}
