package io.github.guesttools.toolbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.toolbox.identity.TestAccounts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent process without root (started with setpriv as uid 65534): operations run as that
 * account, and a login for another account is refused with 3050.
 */
class NonRootAgentTest {

    @Test
    void unprivilegedAgentActsOnlyAsItself(@TempDir Path temp) throws Exception {
        TestAccounts.assumeRoot();
        Path classpath = Files.createDirectory(temp.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path copy = classpath.resolve(i++ + "-" + source.getFileName());
            copyTree(source, copy);
            entries.add(copy.toString());
        }
        Path work = Files.createDirectory(temp.resolve("work"));
        Files.setAttribute(work, "unix:mode", 01777);
        try (Stream<Path> all = Files.walk(temp)) {
            for (Path p : all.toList()) {
                int mode = (int) Files.getAttribute(p, "unix:mode") & 07777;
                Files.setAttribute(p, "unix:mode", mode | (Files.isDirectory(p) ? 0555 : 0444));
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        "setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "--",
                        java,
                        "-cp",
                        String.join(File.pathSeparator, entries),
                        NonRootProbe.class.getName(),
                        work.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String self = out.lines()
                .filter(l -> !l.startsWith("root "))
                .filter(l -> l.contains(" OK "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertThat(self).endsWith(" OK 0 0 \\0");
        Path made = work.resolve("made-for-" + self.substring(0, self.indexOf(' ')));
        assertThat(Files.getAttribute(made, "unix:uid")).isEqualTo(65534);
        assertThat(out).contains("root OK 3050 0 \\0");
        assertThat(work.resolve("made-for-root")).doesNotExist();
    }

    private static void copyTree(Path source, Path target) throws Exception {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
