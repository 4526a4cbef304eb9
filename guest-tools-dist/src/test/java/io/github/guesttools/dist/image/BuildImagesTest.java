package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.testing.IsoListings;
import io.github.guesttools.dist.testing.StagingTrees;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.dist.testing.TreeListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real layout, built twice into all formats (without jlink: a stand-in runtime), the second time
 * from another path, in another locale and time zone: the same bytes, the same {@code SHA256SUMS}.
 */
class BuildImagesTest {
    static final Instant TIME = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void buildsAllImagesReproduciblyWithTheLayoutsContent(@TempDir Path tmp) throws Exception {
        Map<String, String> vars = StagingTrees.variables(tmp.resolve("inputs"));
        Path layout = StagingTrees.moduleDir().resolve("src/main/layout/image.layout");
        List<Path> first = BuildImages.build(new BuildImages.Options(
                layout, vars, null, "9.9", TIME, "Guest Tools", Files.createDirectories(tmp.resolve("one"))));
        // The second build: the inputs copied to another path (new file times), another locale and
        // time zone; the SHA256SUMS a user checks must be the same.
        Path inputs = tmp.resolve("inputs");
        Path otherInputs = copyTree(inputs, tmp.resolve("another path/inputs-ü"));
        Map<String, String> otherVars = new LinkedHashMap<>(vars);
        otherVars.replaceAll((name, value) -> value.replace(inputs.toString(), otherInputs.toString()));
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        List<Path> second;
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            second = BuildImages.build(new BuildImages.Options(
                    layout, otherVars, null, "9.9", TIME, "Guest Tools", Files.createDirectories(tmp.resolve("two"))));
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }

        assertThat(first)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "guest-tools-9.9.iso",
                        "guest-tools-9.9.zip",
                        "guest-tools-9.9.tar.gz",
                        "guest-tools-9.9.tar.xz",
                        "SHA256SUMS");
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.mismatch(first.get(i), second.get(i)))
                    .as(first.get(i).toString())
                    .isEqualTo(-1L);
        }
        Tool.run(List.of("sha256sum", "-c", "SHA256SUMS"), Map.of(), tmp.resolve("one"))
                .ok();

        Path staged = tmp.resolve("one/guest-tools-9.9");
        Map<String, String> iso = IsoListings.isoinfo(
                Tool.run(List.of("isoinfo", "-R", "-l", "-i", first.get(0).toString()))
                        .ok()
                        .stdout());
        assertThat(iso).isEqualTo(IsoListings.expected(TreeListing.of(staged)));
        assertThat(iso)
                .containsEntry("linux/install.sh", "-rwxr-xr-x")
                .containsEntry("linux/opt/guest-tools/lib/echo-test.jar", "-rw-r--r--")
                .containsEntry(
                        "linux/usr/sbin/guest-tools-uninstall",
                        "lrwxrwxrwx -> /opt/guest-tools/sbin/guest-tools-uninstall")
                .containsEntry("windows/lib/echo-test.jar", "-rw-r--r--")
                .containsKeys("README.md", "LICENSE", "linux/lib/systemd/system/triton-guest.service");
        assertThat(Files.readString(staged.resolve("LICENSE"))).contains("Apache License", "Version 2.0");

        Path unpacked = Files.createDirectory(tmp.resolve("unpacked"));
        Tool.run(List.of("tar", "-xJpf", first.get(3).toString(), "-C", unpacked.toString()))
                .ok();
        assertThat(TreeListing.of(unpacked.resolve("guest-tools-9.9"))).isEqualTo(TreeListing.of(staged));
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(Instant.now()));
                }
            }
        }
        return to;
    }
}
