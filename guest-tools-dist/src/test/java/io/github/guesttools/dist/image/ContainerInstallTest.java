package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.testing.StagingTrees;
import io.github.guesttools.dist.testing.Tool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * install.sh and uninstall.sh on clean distributions, in containers run with the plain
 * {@code docker} CLI (no testcontainers: it would pull in docker-java, Jackson and slf4j 1.7 for
 * what four {@code docker run}s do). Skipped, with the reason in the report, where
 * {@code docker info} fails.
 */
@EnabledIf(
        value = "dockerWorks",
        disabledReason = "no Docker engine here ('docker info' failed): container install tests skipped")
class ContainerInstallTest {
    /** Lists everything outside the pseudo file systems as "path type mode". */
    private static final String LISTING = "find / -xdev \\( -path /proc -o -path /sys -o -path /dev -o -path /tmp "
            + "-o -path /run -o -path /image \\) -prune -o -exec stat -c '%n %F %a' {} + | sort";

    static boolean dockerWorks() {
        try {
            return Tool.run(List.of("docker", "info")).exitCode() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian:12", "ubuntu:24.04", "rockylinux:9", "alpine:3.20"})
    void installsTwiceAndUninstallsWithoutATrace(String distribution, @TempDir Path work) throws Exception {
        Path image = StagingTrees.stage(work);
        String script = String.join(
                "\n",
                "set -eu",
                LISTING + " > /tmp/before",
                "sh /image/linux/install.sh",
                LISTING + " > /tmp/once",
                "sh /image/linux/install.sh",
                LISTING + " > /tmp/twice",
                "cmp /tmp/once /tmp/twice",
                "test -x /opt/guest-tools/bin/guest-tools-java",
                "test -L /usr/sbin/guest-tools-uninstall",
                "guest-tools-uninstall",
                LISTING + " > /tmp/after",
                "diff /tmp/before /tmp/after",
                "echo CONTAINER-OK");
        Tool.Result result = Tool.run(
                List.of("docker", "run", "--rm", "-v", image + ":/image:ro", distribution, "sh", "-c", script));
        assertThat(result.stdout()).as(result.stderr()).contains("CONTAINER-OK");
    }
}
