package io.github.guesttools.dist.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.dist.testing.Fixtures;
import io.github.guesttools.dist.testing.IsoListings;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.dist.testing.TreeListing;
import io.github.guesttools.dist.tree.ImageTree;
import io.github.guesttools.dist.tree.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images of the fixture tree, checked with isoinfo, xorriso and bsdtar. */
class IsoWriterTest {
    static final Instant TIME = Instant.parse("2026-11-22T00:00:00Z");
    static final Map<String, String> UTF8 = Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");

    @TempDir
    static Path dir;

    static Path source;
    static Path iso;
    static Map<String, String> sourceListing;

    @BeforeAll
    static void writeImage() throws IOException {
        source = Fixtures.create(dir.resolve("tree"));
        iso = dir.resolve("fixture.iso");
        new IsoWriter("Guest Tools").write(ImageTree.scan(source, TIME), iso);
        sourceListing = TreeListing.of(source);
    }

    @Test
    void isoinfoRockRidgeListsEveryEntryWithModeAndLinkTarget() throws Exception {
        String out = Tool.run(List.of("isoinfo", "-R", "-l", "-i", iso.toString()), UTF8, null)
                .ok()
                .stdout();
        assertThat(IsoListings.isoinfo(out)).isEqualTo(IsoListings.expected(sourceListing));
        assertThat(out).contains(" 0    0 ").doesNotContain("Nov 22 2026 [     0 00]  bin ");
    }

    @Test
    void isoinfoJolietListsEveryFileAndDirectory() throws Exception {
        // isoinfo prints Joliet names in ISO-8859-1, with '_' for what that charset lacks.
        Map<String, String> expected = new TreeMap<>();
        sourceListing.forEach((path, value) -> {
            if (!value.startsWith("l")) {
                expected.put(latin1(path), value.substring(0, 1).replace('f', '-'));
            }
        });
        Map<String, String> listed = new TreeMap<>();
        IsoListings.isoinfo(latin1Output(iso)).forEach((path, mode) -> listed.put(path, mode.substring(0, 1)));
        assertThat(listed).isEqualTo(expected);
    }

    @Test
    void bsdtarReadsTheExactUnicodeJolietNames() throws Exception {
        String out = Tool.run(List.of("bsdtar", "--options", "!rockridge", "-tf", iso.toString()), UTF8, null)
                .ok()
                .stdout();
        Set<String> expected = new HashSet<>();
        sourceListing.forEach((path, value) -> {
            if (!value.startsWith("l")) {
                expected.add(path);
            }
        });
        expected.add(".");
        assertThat(Set.copyOf(List.of(out.split("\n")))).isEqualTo(expected);
    }

    @Test
    void xorrisoShowsRockRidgeModesAndReportsNoProblems() throws Exception {
        Tool.Result result = Tool.run(
                        List.of(
                                "xorriso",
                                "-abort_on",
                                "NEVER",
                                "-return_with",
                                "WARNING",
                                "32",
                                "-indev",
                                iso.toString(),
                                "-find",
                                "/",
                                "-exec",
                                "lsdl"),
                        UTF8,
                        null)
                .ok();
        assertThat(IsoListings.lsdl(result.stdout())).isEqualTo(IsoListings.expected(sourceListing));
        assertThat(result.stderr()).doesNotContain("WARNING", "SORRY", "FAILURE", "MISHAP", "FATAL");
        assertThat(result.stderr()).contains("Volume id    : 'Guest Tools'");
    }

    @Test
    void isovfyFindsNoErrors() throws Exception {
        assertThat(Tool.run(List.of("isovfy", iso.toString())).ok().stdout()).contains("No errors found");
    }

    @Test
    void pathTablesListEveryDirectoryWithItsExtentInBothByteOrders() throws Exception {
        byte[] image = Files.readAllBytes(iso);
        Map<String, Long> primaryDirs = new TreeMap<>();
        PathTables.dotExtents(
                Tool.run(List.of("isoinfo", "-l", "-i", iso.toString())).ok().stdout(), primaryDirs);
        assertThat(primaryDirs).hasSize(16).containsKeys("", "D1/D2/D3/D4/D5/D6/D7/D8/D9/D10", "GR_SSE");
        assertThat(PathTables.read(image, 16, true))
                .isEqualTo(PathTables.read(image, 16, false))
                .isEqualTo(primaryDirs);

        Map<String, Long> jolietDirs = new TreeMap<>();
        PathTables.dotExtents(latin1Output(iso), jolietDirs);
        Map<String, Long> joliet = PathTables.read(image, 17, true);
        assertThat(joliet).isEqualTo(PathTables.read(image, 17, false)).hasSameSizeAs(jolietDirs);
        assertThat(Set.copyOf(joliet.values())).isEqualTo(Set.copyOf(jolietDirs.values()));
    }

    @Test
    void bsdtarExtractionIsIdenticalToTheSource() throws Exception {
        Path out = Files.createDirectory(dir.resolve("extracted"));
        Tool.run(List.of("bsdtar", "-xpf", iso.toString(), "-C", out.toString()), UTF8, null)
                .ok();
        assertThat(TreeListing.of(out)).isEqualTo(sourceListing);
        String listing = Tool.run(List.of("bsdtar", "-tvf", iso.toString()), UTF8, null)
                .ok()
                .stdout();
        assertThat(listing)
                .contains("-rwxr-xr-x  1 0      0          19 Nov 22 00:00 bin/run.sh")
                .contains("lrwxrwxrwx  1 0      0           0 Nov 22 00:00 bin/run -> run.sh");
    }

    @Test
    void primaryNamesAreUniqueLevelOneIdentifiers() throws Exception {
        String out =
                Tool.run(List.of("isoinfo", "-l", "-i", iso.toString())).ok().stdout();
        Pattern file = Pattern.compile("[A-Z0-9_]{1,8}\\.[A-Z0-9_]{0,3};1");
        Pattern directory = Pattern.compile("[A-Z0-9_]{1,8}");
        Map<String, String> entries = IsoListings.isoinfo(out);
        assertThat(entries).hasSize(sourceListing.size());
        Set<String> seen = new HashSet<>();
        entries.forEach((path, mode) -> {
            String name = path.substring(path.lastIndexOf('/') + 1);
            assertThat(name).matches(mode.startsWith("d") ? directory : file);
            assertThat(seen.add(path.toUpperCase())).as("unique: %s", path).isTrue();
        });
        assertThat(entries)
                .containsKeys(
                        "README.;1", "DATA/COLLISIO.TXT;1", "DATA/COLLISI1.TXT;1", "DATA/COLLISI2.TXT;1", "GR_SSE");
    }

    @Test
    void descriptorsCarryLabelExtensionsAndTheFixedDates() throws Exception {
        String out =
                Tool.run(List.of("isoinfo", "-d", "-i", iso.toString())).ok().stdout();
        assertThat(out)
                .contains(
                        "Volume id: Guest Tools",
                        "Joliet with UCS level 3 found",
                        "Rock Ridge signatures version 1 found",
                        "Logical block size is: 2048");
        byte[] image = Files.readAllBytes(iso);
        String pvd = new String(image, 16 * 2048, 2048, StandardCharsets.ISO_8859_1);
        assertThat(pvd.substring(813, 846)).isEqualTo("2026112200000000\0" + "2026112200000000".substring(0, 16));
        String svd = new String(image, 17 * 2048, 2048, StandardCharsets.ISO_8859_1);
        assertThat(svd.substring(88, 91)).isEqualTo("%/E");
    }

    @Test
    void longNamesAndTargetsGoToContinuationAreasAndLargeDirectoriesSpanBlocks(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("tree"));
        String longName = "n".repeat(200) + "-é-" + "x".repeat(47) + ".txt"; // 255 bytes: two NM entries
        Files.writeString(root.resolve(longName), "long name\n");
        StringBuilder target = new StringBuilder("/");
        for (int i = 0; i < 20; i++) {
            target.append("component-")
                    .append(i)
                    .append("-")
                    .append("y".repeat(i * 2))
                    .append('/');
        }
        target.append("end");
        Files.createSymbolicLink(root.resolve("far"), Path.of(target.toString()));
        Path many = Files.createDirectory(root.resolve("many"));
        for (int i = 0; i < 120; i++) {
            Files.writeString(many.resolve("entry-number-" + i + "-with-a-long-name.conf"), "v" + i);
        }
        Path image = tmp.resolve("ce.iso");
        new IsoWriter("CE").write(ImageTree.scan(root, TIME), image);

        Path out = Files.createDirectory(tmp.resolve("out"));
        Tool.run(List.of("bsdtar", "-xpf", image.toString(), "-C", out.toString()), UTF8, null)
                .ok();
        assertThat(TreeListing.of(out)).isEqualTo(TreeListing.of(root));
        Tool.Result xorriso = Tool.run(
                        List.of(
                                "xorriso",
                                "-abort_on",
                                "NEVER",
                                "-return_with",
                                "WARNING",
                                "32",
                                "-indev",
                                image.toString(),
                                "-find",
                                "/",
                                "-exec",
                                "lsdl"),
                        UTF8,
                        null)
                .ok();
        assertThat(xorriso.stderr()).doesNotContain("WARNING", "SORRY", "FAILURE");
        assertThat(IsoListings.lsdl(xorriso.stdout())).isEqualTo(IsoListings.expected(TreeListing.of(root)));
        String isoinfo = Tool.run(List.of("isoinfo", "-R", "-l", "-i", image.toString()), UTF8, null)
                .ok()
                .stdout();
        assertThat(IsoListings.isoinfo(isoinfo)).isEqualTo(IsoListings.expected(TreeListing.of(root)));
    }

    @Test
    void refusesFilesOfFourGibibytes(@TempDir Path tmp) {
        List<TreeEntry> entries = new ArrayList<>();
        entries.add(TreeEntry.file("huge.img", 0644, 1L << 32, tmp.resolve("huge.img")));
        ImageTree tree = ImageTree.of(entries, TIME);
        assertThatThrownBy(() -> new IsoWriter("X").write(tree, tmp.resolve("x.iso")))
                .isInstanceOf(IsoLimitException.class)
                .hasMessageContaining("4 GiB")
                .hasMessageContaining("huge.img");
    }

    @Test
    void refusesNamesLongerThan255Bytes(@TempDir Path tmp) {
        ImageTree tree = ImageTree.of(List.of(TreeEntry.directory("é".repeat(128), 0755)), TIME);
        assertThatThrownBy(() -> new IsoWriter("X").write(tree, tmp.resolve("x.iso")))
                .isInstanceOf(IsoLimitException.class)
                .hasMessageContaining("255 bytes");
    }

    @Test
    void refusesSymlinkTargetsThatReadersWouldReject(@TempDir Path tmp) {
        ImageTree tree = ImageTree.of(List.of(TreeEntry.symlink("l", "x/".repeat(600))), TIME);
        assertThatThrownBy(() -> new IsoWriter("X").write(tree, tmp.resolve("x.iso")))
                .isInstanceOf(IsoLimitException.class)
                .hasMessageContaining("symlink target longer than 1023");
    }

    @Test
    void refusesASourceThatChangedSize(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "12345");
        ImageTree tree = ImageTree.of(List.of(TreeEntry.file("f", 0644, 3, file)), TIME);
        assertThatThrownBy(() -> new IsoWriter("X").write(tree, tmp.resolve("x.iso")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("changed size");
    }

    private static String latin1(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(c < 256 ? c : '_');
        }
        return out.toString();
    }

    private static String latin1Output(Path image) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("isoinfo", "-J", "-l", "-i", image.toString());
        Process process = builder.redirectErrorStream(true).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        process.waitFor();
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
