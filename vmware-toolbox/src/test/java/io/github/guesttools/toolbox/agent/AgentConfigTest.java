package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.toolbox.dispatch.GuestOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
    /**
     * open-vm-tools' tools.conf has keys of plug-ins this agent lacks, and {@code vmware-toolbox-cmd
     * config set} writes any key: an unknown one is listed (and logged), never a reason not to start.
     */
    @Test
    void unknownKeysAreIgnoredAndListedNeverFatal(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("toolbox.conf"),
                String.join(
                        "\n",
                        "[guestinfo]",
                        "some-future-key = true",
                        "[appinfo]",
                        "disabled = true",
                        "[auth]",
                        "mode = deny-all"));
        AgentConfig c = AgentConfig.of(AgentMain.settings(new String[] {"--config", file.toString()}));
        assertThat(c.auth()).isEqualTo("deny-all");
        assertThat(c.ignoredKeys()).containsExactly("guestinfo.some-future-key", "appinfo.disabled");
        assertThat(AgentConfig.of(Map.of()).ignoredKeys()).isEmpty();
        // a bad value of a known key is still an error
        assertThatThrownBy(() -> AgentConfig.of(Map.of("auth.mode", "nonsense")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileSectionsThenOptionsOverride(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("toolbox.conf"),
                String.join(
                        "\n",
                        "# comment",
                        "backdoor = unix:/tmp/a.sock",
                        "[auth]",
                        "mode = deny-all",
                        "[guestinfo]",
                        "exclude-nics = docker*, eth9",
                        "[guestoperations]",
                        "StartProgramInGuest.disabled = true",
                        "; other comment",
                        "[log]",
                        "level = WARN"));
        Map<String, String> settings = AgentMain.settings(new String[] {
            "--config", file.toString(), "--backdoor", "unix:/tmp/b.sock", "--disable", "ListFilesInGuest", "--trace"
        });
        AgentConfig c = AgentConfig.of(settings);
        assertThat(c.backdoor()).isEqualTo("unix:/tmp/b.sock");
        assertThat(c.auth()).isEqualTo("deny-all");
        assertThat(c.nicExclude()).containsExactly("docker*", "eth9");
        assertThat(c.disabled()).containsExactlyInAnyOrder(GuestOperation.START_PROGRAM, GuestOperation.LIST_FILES);
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.trace()).isTrue();
    }

    @Test
    void defaults() {
        AgentConfig c = AgentConfig.of(Map.of());
        assertThat(c.backdoor()).isEqualTo("native");
        assertThat(c.auth()).isEqualTo("pam");
        assertThat(c.pamService()).isEqualTo("vmtoolsd");
        assertThat(c.disabled()).isEmpty();
        assertThat(c.trace()).isFalse();
    }

    @Test
    void mistakesAreRefusedWithTheirName(@TempDir Path dir) throws Exception {
        // a misspelt key is not refused (see unknownKeysAreIgnoredAndListedNeverFatal) but named in the warning
        assertThat(AgentConfig.of(Map.of("bakdoor", "native")).ignoredKeys()).containsExactly("bakdoor");
        assertThatThrownBy(() -> AgentConfig.of(Map.of("auth.mode", "allow-list")))
                .hasMessageContaining("allowList");
        assertThatThrownBy(() -> AgentConfig.of(Map.of("log.trace", "maybe"))).hasMessageContaining("log.trace");
        assertThatThrownBy(() -> AgentMain.settings(new String[] {"--disable", "Nope"}))
                .hasMessageContaining("Nope");
        Path bad = Files.writeString(dir.resolve("bad.conf"), "no equals sign\n");
        assertThatThrownBy(() -> AgentConfig.readFile(bad)).hasMessageContaining(":1:");
        assertThat(AgentMain.run(
                        new String[] {"--log-level", "loud"},
                        new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                .isEqualTo(AgentMain.USAGE);
    }

    @Test
    void limitsAndTheTcloHgfsSwitch(@TempDir Path dir) throws Exception {
        assertThat(AgentConfig.of(Map.of()).limits()).isEqualTo(GuestOpsLimits.DEFAULT);
        assertThat(GuestOpsLimits.DEFAULT.tcloHgfs()).isTrue();
        Path file = Files.writeString(
                dir.resolve("toolbox.conf"),
                String.join(
                        "\n",
                        "[hgfs]",
                        "tclo = false",
                        "sessionsPerUser = 3",
                        "handlesPerSession = 40",
                        "[processes]",
                        "runningPerUser = 7",
                        "ioHeapPerUser = 1048576",
                        "[vix]",
                        "requestsPerUser = 2"));
        GuestOpsLimits l = AgentConfig.of(AgentConfig.readFile(file)).limits();
        assertThat(l.tcloHgfs()).isFalse();
        assertThat(l.hgfsSessionsPerUser()).isEqualTo(3);
        assertThat(l.hgfsAgentSessions()).isEqualTo(25);
        assertThat(l.hgfsHandlesPerSession()).isEqualTo(40);
        assertThat(l.runningPerUser()).isEqualTo(7);
        assertThat(l.ioHeapPerUser()).isEqualTo(1 << 20);
        assertThat(l.vixRequestsPerUser()).isEqualTo(2);
        assertThat(GuestOpsLimits.DEFAULT.vixRequestsPerUser()).isEqualTo(3);
        assertThatThrownBy(() -> AgentConfig.of(Map.of("hgfs.handlesPerSession", "0")))
                .hasMessageContaining("hgfs.handlesPerSession");
        assertThatThrownBy(() -> AgentConfig.of(Map.of("processes.ioHeapTotal", "10")))
                .hasMessageContaining("Total");
        assertThatThrownBy(() -> AgentConfig.of(Map.of("hgfs.tclo", "perhaps"))).hasMessageContaining("hgfs.tclo");
    }
}
