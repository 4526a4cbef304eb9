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
    @Test
    void fileSectionsThenOptionsOverride(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("toolbox.conf"), String.join("\n",
                "# comment", "backdoor = unix:/tmp/a.sock", "[auth]", "mode = deny-all",
                "[guestinfo]", "exclude-nics = docker*, eth9", "[guestoperations]",
                "StartProgramInGuest.disabled = true", "; other comment", "[log]", "level = WARN"));
        Map<String, String> settings = AgentMain.settings(new String[] {"--config", file.toString(),
            "--backdoor", "unix:/tmp/b.sock", "--disable", "ListFilesInGuest", "--trace"});
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
        assertThatThrownBy(() -> AgentConfig.of(Map.of("bakdoor", "native"))).hasMessageContaining("bakdoor");
        assertThatThrownBy(() -> AgentConfig.of(Map.of("auth.mode", "allow-list"))).hasMessageContaining("allowList");
        assertThatThrownBy(() -> AgentConfig.of(Map.of("log.trace", "maybe"))).hasMessageContaining("log.trace");
        assertThatThrownBy(() -> AgentMain.settings(new String[] {"--disable", "Nope"})).hasMessageContaining("Nope");
        Path bad = Files.writeString(dir.resolve("bad.conf"), "no equals sign\n");
        assertThatThrownBy(() -> AgentConfig.readFile(bad)).hasMessageContaining(":1:");
        assertThat(AgentMain.run(new String[] {"--log-level", "loud"}, new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()))).isEqualTo(AgentMain.USAGE);
    }
}
