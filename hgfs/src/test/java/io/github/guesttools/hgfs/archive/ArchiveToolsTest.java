package io.github.guesttools.hgfs.archive;

import static io.github.guesttools.hgfs.archive.Trees.assertSameTree;
import static io.github.guesttools.hgfs.archive.Trees.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our archives read by GNU tar and bsdtar, and theirs extracted by us, compared file by file. */
class ArchiveToolsTest {
    @TempDir
    Path tmp;

    Path source;

    @BeforeEach
    void tree() throws Exception {
        source = tmp.resolve("source");
        Files.createDirectory(source);
        Trees.populate(source);
    }

    byte[] ourArchive(ArchiveFormat format, String prefix) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ArchiveWriter(6, 2).write(source, format, prefix, out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({
        "TAR, tar, /usr/bin/tar",
        "TGZ, tgz, /usr/bin/tar",
        "TXZ, txz, /usr/bin/tar",
        "TAR, tar, bsdtar",
        "TGZ, tgz, bsdtar",
        "TXZ, txz, bsdtar"
    })
    void toolsReadOurArchives(ArchiveFormat format, String ext, String tool) throws Exception {
        shrinkForXz(ext);
        Path file = tmp.resolve("ours." + ext);
        Files.write(file, ourArchive(format, ""));
        Path out = Files.createDirectory(tmp.resolve("out"));
        run(out, tool, "-xpf", file.toString());
        assertSameTree(source, out);
    }

    @Test
    void gzipStreamIsOneMemberThatTheJdkAndGzipVerify() throws Exception {
        byte[] tgz = ourArchive(ArchiveFormat.TGZ, "");
        Path file = tmp.resolve("ours.tgz");
        Files.write(file, tgz);
        run(tmp, "gzip", "-t", file.toString());
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(tgz)).readAllBytes();
        assertThat(tar).isEqualTo(ourArchive(ArchiveFormat.TAR, ""));
    }

    @Test
    void prefixIsPrependedAndSingleFilesWork() throws Exception {
        Path file = tmp.resolve("p.tar");
        Files.write(file, ourArchive(ArchiveFormat.TAR, "pre/"));
        String list = run(tmp, "tar", "-tf", file.toString());
        assertThat(list.lines()).allMatch(l -> l.startsWith("pre/")).contains("pre/src/", "pre/empty/nested-empty/");
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        new ArchiveWriter(6, 1).write(source.resolve("README.md"), ArchiveFormat.TGZ, "", one);
        Files.write(file, one.toByteArray());
        assertThat(run(tmp, "tar", "-tzf", file.toString()).trim()).isEqualTo("README.md");
    }

    @ParameterizedTest
    @CsvSource({
        "/usr/bin/tar, -cf, tar",
        "/usr/bin/tar, -czf, tgz",
        "/usr/bin/tar, -cJf, txz",
        "bsdtar, -cf, tar",
        "bsdtar, -czf, tgz",
        "bsdtar, -cJf, txz"
    })
    void weExtractTheToolsArchives(String tool, String flags, String ext) throws Exception {
        shrinkForXz(ext);
        Path file = tmp.resolve("theirs." + ext);
        run(source, tool, flags, file.toString(), ".");
        Path out = Files.createDirectory(tmp.resolve("out"));
        try (InputStream in = Files.newInputStream(file)) {
            new SafeExtractor(ExtractionLimits.DEFAULT).extract(in, out);
        }
        assertSameTree(source, out);
        try (var leftovers = Files.walk(out)) {
            assertThat(leftovers.filter(p -> p.getFileName().toString().startsWith(".hgfs-")))
                    .isEmpty();
        }
    }

    /** xz is slow on a loaded 2-core machine; the multi-megabyte file matters only for gzip. */
    void shrinkForXz(String ext) throws Exception {
        if (ext.equals("txz")) {
            var mtime = Files.getLastModifiedTime(source.resolve("src"));
            Files.delete(source.resolve("src/big.txt"));
            Files.setLastModifiedTime(source.resolve("src"), mtime);
        }
    }

    @Test
    void ourOwnArchivesRoundTrip() throws Exception {
        shrinkForXz("txz");
        for (ArchiveFormat f : ArchiveFormat.values()) {
            Path out = Files.createDirectory(tmp.resolve("rt-" + f));
            new SafeExtractor(ExtractionLimits.DEFAULT).extract(new ByteArrayInputStream(ourArchive(f, "")), out);
            assertSameTree(source, out);
        }
    }

    @Test
    void extractionReplacesExistingFilesAndSymlinksWithoutFollowingThem() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "untouched");
        Path out = Files.createDirectory(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("README.md"), outside);
        Files.writeString(out.resolve("empty-file"), "old");
        new SafeExtractor(ExtractionLimits.DEFAULT)
                .extract(new ByteArrayInputStream(ourArchive(ArchiveFormat.TAR, "")), out);
        assertThat(Files.readString(outside)).isEqualTo("untouched");
        assertSameTree(source, out);
    }

    @Test
    void trailerIsNotPartOfTheArchive() throws Exception {
        byte[] tar = ourArchive(ArchiveFormat.TAR, "");
        assertThat(Arrays.copyOfRange(tar, tar.length - 3, tar.length)).isNotEqualTo(ArchiveHandler.TRAILER);
    }
}
