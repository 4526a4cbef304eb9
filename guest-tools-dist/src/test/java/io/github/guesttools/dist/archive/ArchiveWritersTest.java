package io.github.guesttools.dist.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.testing.Fixtures;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.dist.testing.TreeListing;
import io.github.guesttools.dist.tree.ImageTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZIP and TAR images of the fixture tree, unpacked with bsdtar and GNU tar. */
class ArchiveWritersTest {
    static final Instant TIME = Instant.parse("2026-11-22T00:00:00Z");
    static final Map<String, String> UTF8 = Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8", "TZ", "UTC");
    static final String TOP = "guest-tools-1.2.3";

    @TempDir
    static Path dir;

    static Path source;
    static ImageTree tree;

    @BeforeAll
    static void fixture() throws IOException {
        source = Fixtures.create(dir.resolve("tree"));
        tree = ImageTree.scan(source, TIME);
    }

    @Test
    void tarGzUnpacksIdenticallyWithGnuTarAndBsdtar(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("x.tar.gz");
        TarWriter.write(tree, TOP, TarWriter.Compression.GZIP, archive);
        assertUnpacksIdentically(archive, List.of("tar", "-xzpf"), tmp.resolve("gnu"));
        assertUnpacksIdentically(archive, List.of("bsdtar", "-xpf"), tmp.resolve("bsd"));
        byte[] header = Files.readAllBytes(archive);
        assertThat(header[3]).as("gzip FLG: no name, no comment").isZero();
        assertThat(new byte[] {header[4], header[5], header[6], header[7]})
                .as("gzip MTIME")
                .containsOnly(0);
    }

    @Test
    void tarXzUnpacksIdenticallyAndListsRootOwnerAndFixedTimes(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("x.tar.xz");
        TarWriter.write(tree, TOP, TarWriter.Compression.XZ, archive);
        assertUnpacksIdentically(archive, List.of("tar", "-xJpf"), tmp.resolve("gnu"));
        String listing = Tool.run(List.of("tar", "-tvJf", archive.toString(), "--full-time"), UTF8, null)
                .ok()
                .stdout();
        assertThat(listing)
                .contains("-rwxr-xr-x root/root        19 2026-11-22 00:00:00 " + TOP + "/bin/run.sh")
                .contains("lrwxrwxrwx root/root         0 2026-11-22 00:00:00 " + TOP + "/bin/run -> run.sh")
                .contains(TOP + "/grüße/日本語のファイル — ünïcödé.txt")
                .doesNotContain("PaxHeaders");
        Tool.run(List.of("xz", "-t", archive.toString())).ok();
    }

    @Test
    void zipUnpacksIdenticallyWithBsdtar(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("x.zip");
        ZipWriter.write(tree, TOP, archive);
        assertUnpacksIdentically(archive, List.of("bsdtar", "-xpf"), tmp.resolve("bsd"));
        String listing = Tool.run(List.of("bsdtar", "-tvf", archive.toString()), UTF8, null)
                .ok()
                .stdout();
        assertThat(listing).contains("Nov 22 00:00 " + TOP + "/bin/run.sh").contains(TOP + "/bin/run -> run.sh");
    }

    private static void assertUnpacksIdentically(Path archive, List<String> extract, Path into) throws Exception {
        Files.createDirectories(into);
        List<String> command = new java.util.ArrayList<>(extract);
        command.add(archive.toString());
        command.addAll(List.of("-C", into.toString()));
        Tool.run(command, UTF8, null).ok();
        assertThat(TreeListing.of(into.resolve(TOP))).isEqualTo(TreeListing.of(source));
    }
}
