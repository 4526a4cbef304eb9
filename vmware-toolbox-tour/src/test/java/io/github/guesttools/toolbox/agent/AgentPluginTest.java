package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, plug-ins of the packaged agent: jars compiled and built in the test, found with
 * ServiceLoader in the plug-ins directory. A working plug-in's function and TCLO handler answer the
 * host; a plug-in that throws (after contributing), names a missing class, needs a class its jar
 * lacks, contributes a name the agent cannot register, or is not a jar at all is reported and
 * skipped, adds nothing, and the agent runs.
 */
class AgentPluginTest {
    private static final String GOOD = """
            package plug;
            import io.github.guesttools.toolbox.agent.*;
            public class Good implements AgentPlugin {
                @Override public void extend(AgentExtensions agent) {
                    agent.tcloHandler("plugin.hello", args -> "from good".getBytes())
                         .function("plugged", ctx -> { ctx.stdout().write(("plugged " + ctx.user()).getBytes()); return 0; });
                }
            }
            """;
    private static final String THROWS = """
            package plug;
            import io.github.guesttools.toolbox.agent.*;
            public class Throws implements AgentPlugin {
                @Override public void extend(AgentExtensions agent) {
                    agent.tcloHandler("plugin.half", args -> "half".getBytes()).tcloHandler("ping", args -> "hijacked".getBytes());
                    throw new IllegalStateException("boom in extend");
                }
            }
            """;
    private static final String NEEDS = """
            package plug;
            import io.github.guesttools.toolbox.agent.*;
            public class Needs implements AgentPlugin {
                @Override public void extend(AgentExtensions agent) {
                    agent.tcloHandler("plugin.needs", args -> Helper.text().getBytes());
                    Helper.text();
                }
            }
            """;
    private static final String BAD_NAME = """
            package plug;
            import io.github.guesttools.toolbox.agent.*;
            public class BadName implements AgentPlugin {
                @Override public void extend(AgentExtensions agent) {
                    agent.tcloHandler("plugin.badname", args -> "x".getBytes()).tcloHandler("two words", args -> "x".getBytes());
                }
            }
            """;
    private static final String HANGS = """
            package plug;
            import io.github.guesttools.toolbox.agent.*;
            public class Hangs implements AgentPlugin {
                @Override public void extend(AgentExtensions agent) throws Exception {
                    agent.tcloHandler("plugin.hangs", args -> "late".getBytes());
                    new java.util.concurrent.CountDownLatch(1).await(); // never returns
                }
            }
            """;
    private static final String HELPER = """
            package plug;
            public class Helper { public static String text() { return "helper"; } }
            """;

    @TempDir
    Path work;

    private Path plugins;

    @BeforeEach
    void buildPlugins() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars.build(
                plugins.resolve("good.jar"), Map.of("plug.Good", GOOD), List.of("plug.Good"), List.of("plug.Good"));
        PluginJars.build(
                plugins.resolve("throws.jar"),
                Map.of("plug.Throws", THROWS),
                List.of("plug.Throws"),
                List.of("plug.Throws"));
        PluginJars.build(
                plugins.resolve("missing.jar"),
                Map.of("plug.Good", GOOD),
                List.of("plug.Good"),
                List.of("plug.Missing"));
        PluginJars.build(
                plugins.resolve("needs.jar"),
                Map.of("plug.Needs", NEEDS, "plug.Helper", HELPER),
                List.of("plug.Needs"),
                List.of("plug.Needs"));
        PluginJars.build(
                plugins.resolve("badname.jar"),
                Map.of("plug.BadName", BAD_NAME),
                List.of("plug.BadName"),
                List.of("plug.BadName"));
        Files.write(plugins.resolve("bad.jar"), "not a zip at all".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(plugins.resolve("README.txt"), "not a jar: ignored");
    }

    @Test
    void brokenPluginsAreReportedAndSkipped() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> {})) {
            PluginLoader.Outcome outcome = PluginLoader.load(plugins, Agent.builder(a.vmx));
            assertThat(outcome.loaded()).containsExactly("good.jar!plug.Good");
            assertThat(outcome.problems()).hasSize(5);
            assertThat(outcome.problems()).anySatisfy(p -> assertThat(p).contains("badname.jar", "two words"));
            assertThat(outcome.problems()).anySatisfy(p -> assertThat(p).contains("throws.jar", "boom in extend"));
            assertThat(outcome.problems()).anySatisfy(p -> assertThat(p).contains("missing.jar", "plug.Missing"));
            assertThat(outcome.problems()).anySatisfy(p -> assertThat(p).contains("needs.jar", "plug/Helper"));
            assertThat(outcome.problems()).anySatisfy(p -> assertThat(p).contains("bad.jar"));
        }
    }

    /** A plug-in that never returns from extend costs the start its bound, not the agent. */
    @Test
    void aPluginThatHangsIsSkippedAfterItsBound() throws Exception {
        Path dir = Files.createDirectories(work.resolve("hanging"));
        PluginJars.build(
                dir.resolve("a-hangs.jar"), Map.of("plug.Hangs", HANGS), List.of("plug.Hangs"), List.of("plug.Hangs"));
        PluginJars.build(
                dir.resolve("b-good.jar"), Map.of("plug.Good", GOOD), List.of("plug.Good"), List.of("plug.Good"));
        try (EmbeddedAgent a = new EmbeddedAgent(b -> {})) {
            // a bound long enough for the good plug-in's class loading on a loaded machine
            PluginLoader.Outcome outcome = PluginLoader.load(dir, Agent.builder(a.vmx), Duration.ofSeconds(5));
            assertThat(outcome.loaded()).containsExactly("b-good.jar!plug.Good");
            assertThat(outcome.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p).contains("a-hangs.jar!plug.Hangs", "did not return within 5 s"));
        }
    }

    @Test
    void theAgentRunsWithTheWorkingPluginOnly() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.plugins(plugins))) {
            assertThat(a.tclo("plugin.hello")).isEqualTo("OK from good");
            assertThat(a.tclo("plugin.half")).isEqualTo("ERROR Unknown Command");
            assertThat(a.tclo("plugin.needs")).isEqualTo("ERROR Unknown Command");
            assertThat(a.tclo("plugin.badname")).isEqualTo("ERROR Unknown Command");
            assertThat(a.tclo("ping")).isEqualTo("OK ");
            GuestOpsClient ops = a.ops();
            long pid = Long.parseLong(ops.start("plugged", "").text());
            byte[] out = ops.hgfs().downloadWhenReady("/proc/" + pid + "/stdout", 600, Duration.ofMillis(100));
            assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("plugged " + a.user);
        }
    }

    /**
     * A plug-in in use keeps its jar open until the agent stops, then the agent closes its class
     * loader; the jars of skipped plug-ins are closed at once. An embedder that starts and stops
     * agents keeps no descriptor per plug-in jar and agent (read from /proc/self/fd).
     */
    @Test
    void theAgentClosesItsPluginJarsWhenItStops() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.plugins(plugins))) {
            assertThat(a.tclo("plugin.hello")).isEqualTo("OK from good");
            assertThat(openJars()).containsExactly(plugins.resolve("good.jar").toRealPath());
        }
        assertThat(openJars()).isEmpty();
    }

    /** The jars of the plug-ins directory this process has open. */
    private Set<Path> openJars() throws IOException {
        Path dir = plugins.toRealPath();
        Set<Path> open = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(dir)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // closed since the listing (the directory stream's own descriptor, among others)
                }
            }
        }
        return open;
    }

    @Test
    void aMissingDirectoryLoadsNothing() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> {})) {
            PluginLoader.Outcome outcome = PluginLoader.load(work.resolve("absent"), Agent.builder(a.vmx));
            assertThat(outcome.loaded()).isEmpty();
            assertThat(outcome.problems()).isEmpty();
        }
    }

    @Test
    void thePackagedAgentReadsTheDirectoryFromToolboxConf() {
        assertThat(AgentConfig.of(Map.of()).pluginsDirectory()).isEqualTo(Path.of("/opt/guest-tools/plugins"));
        assertThat(AgentConfig.of(Map.of("plugins.directory", plugins.toString()))
                        .pluginsDirectory())
                .isEqualTo(plugins);
    }
}
