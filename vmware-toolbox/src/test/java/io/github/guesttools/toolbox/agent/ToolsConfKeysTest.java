package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** open-vm-tools' {@code [timeSync]}, {@code [guestinfo]} and {@code [logging]} keys, read from a real file. */
class ToolsConfKeysTest {
    @TempDir
    Path dir;

    private AgentConfig read(String text, String... options) throws Exception {
        Path file = Files.writeString(dir.resolve("toolbox.conf"), text);
        String[] args = new String[options.length + 2];
        args[0] = "--config";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return AgentConfig.of(AgentMain.settings(args));
    }

    @Test
    void defaultsAreOpenVmToolsDefaults() throws Exception {
        AgentConfig c = read("");
        assertThat(c.reloadable()).isEqualTo(ReloadableSettings.DEFAULT);
        assertThat(c.guestInfoInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.logLevel()).isEqualTo("info");
    }

    @Test
    void theKeysUnderOpenVmToolsNames() throws Exception {
        AgentConfig c = read(String.join(
                "\n",
                "[timeSync]",
                "disable-all = true",
                "disable-periodic = TRUE",
                "periodic-with-ntp = 1",
                "timeInfo.enabled = false",
                "[guestinfo]",
                "disable-query-diskinfo = true",
                "diskinfo-include-reserved = true",
                "diskinfo-report-device = false",
                "diskinfo-fs-types = ext4, xfs",
                "poll-interval = 0",
                "[logging]",
                "log = true",
                "vmsvc.handler = file",
                "vmtoolsd.level = debug",
                ""));
        assertThat(c.reloadable())
                .isEqualTo(
                        new ReloadableSettings(true, true, true, false, true, false, java.util.Set.of("ext4", "xfs")));
        assertThat(c.ignoredKeys()).isEmpty();
        assertThat(c.reloadable().sameDiskCollector(ReloadableSettings.DEFAULT)).isFalse();
        assertThat(c.guestInfoInterval()).isZero();
        assertThat(c.logLevel()).isEqualTo("debug");
    }

    @Test
    void openVmToolsLevelsMapOntoOurs() throws Exception {
        Map<String, String> expected = Map.of(
                "error", "error",
                "critical", "error",
                "warning", "warn",
                "message", "info",
                "info", "info",
                "debug", "debug");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(read("[log]\nlevel = trace\n[logging]\nvmtoolsd.level = " + e.getKey() + "\n")
                            .logLevel())
                    .as("[logging] beats [log]: %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(read("[logging]\nvmsvc.level = warning\n").logLevel()).isEqualTo("warn");
        assertThat(read("[logging]\nvmtoolsd.level = error\n", "--log-level", "debug")
                        .logLevel())
                .as("the command line beats the file")
                .isEqualTo("debug");
    }

    @Test
    void badValuesAreLoggedAndTheDefaultUsedNeverAStop() throws Exception {
        AgentConfig c = read(String.join(
                "\n",
                "[log]",
                "level = warn",
                "[timeSync]",
                "disable-all = maybe",
                "disable-periodic = 2",
                "[guestinfo]",
                "disable-query-diskinfo = yes please",
                "diskinfo-report-device = perhaps",
                "diskinfo-fs-types = ext4, ../../etc",
                "poll-interval = -5",
                "[logging]",
                "vmtoolsd.level = loud",
                ""));
        assertThat(c.reloadable()).isEqualTo(ReloadableSettings.DEFAULT);
        assertThat(c.guestInfoInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.logLevel()).as("falls back to [log] level").isEqualTo("warn");
        assertThat(read("[guestinfo]\npoll-interval = 99999999999999999999\n").guestInfoInterval())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(read("[guestinfo]\npoll-interval = 86401\n").guestInfoInterval())
                .isEqualTo(Duration.ofSeconds(30));
    }
}
