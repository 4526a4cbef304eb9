package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.auth.AllowListFile;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15 through the packaged agent (the {@code -all} jar through the launcher script, as its own
 * process on the socket bridge): the plug-ins of {@code plugins.directory} contribute, a broken one
 * is reported in the log and skipped, and {@code processes.tcpRelay} turns the relay on, so a host
 * client reaches an HTTP server on the guest's loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PackagedAgentExtensionsIT {
    private static final String GOOD = """
            package plug;
            import io.github.guesttools.toolbox.agent.*;
            public class Good implements AgentPlugin {
                @Override public void extend(AgentExtensions agent) {
                    agent.tcloHandler("plugin.hello", args -> "from good".getBytes());
                }
            }
            """;
    private static final String THROWS = """
            package plug;
            import io.github.guesttools.toolbox.agent.*;
            public class Throws implements AgentPlugin {
                @Override public void extend(AgentExtensions agent) {
                    agent.tcloHandler("plugin.half", args -> "half".getBytes());
                    throw new IllegalStateException("boom in extend");
                }
            }
            """;

    private Path work;
    private Path log;
    private VmxSimulator vmx;
    private BridgeServer bridge;
    private Process agent;
    private HttpServer server;
    private GuestOpsClient ops;

    @BeforeAll
    void startAgent() throws Exception {
        work = Files.createTempDirectory("agent-ext-it");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars.build(
                plugins.resolve("good.jar"), Map.of("plug.Good", GOOD), List.of("plug.Good"), List.of("plug.Good"));
        PluginJars.build(
                plugins.resolve("throws.jar"),
                Map.of("plug.Throws", THROWS),
                List.of("plug.Throws"),
                List.of("plug.Throws"));
        String user = Account.current().name();
        String password = "it-" + HexFormat.of().formatHex(SecureRandom.getSeed(9));
        Path allowList = work.resolve("allow-list");
        Files.writeString(allowList, user + ":" + AllowListFile.hash(password.getBytes(StandardCharsets.UTF_8)) + "\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "only on loopback".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        vmx = new VmxSimulator();
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        bridge = BridgeServer.start(vmx, work.resolve("vmx.sock"));
        log = work.resolve("agent.log");
        agent = launch(List.of(
                "--backdoor",
                "unix:" + bridge.path(),
                "--auth",
                "allow-list",
                "--allow-list",
                allowList.toString(),
                "--set",
                "powerops.enabled=false",
                "--set",
                "plugins.directory=" + plugins,
                "--set",
                "processes.tcpRelay=true"));
        assertThat(tclo("reset")).isEqualTo("OK ATR toolbox");
        ops = new GuestOpsClient(this::submit, user, password);
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (bridge != null) {
            bridge.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (log != null && Files.exists(log)) { // kept for the reader of a failure
            Files.copy(log, Path.of("target", "agent-ext-it.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theWorkingPluginAnswersAndTheBrokenOneIsReportedAndSkipped() throws Exception {
        assertThat(tclo("plugin.hello")).isEqualTo("OK from good");
        assertThat(tclo("plugin.half")).isEqualTo("ERROR Unknown Command");
        assertThat(Files.readString(log)).contains("plug-in skipped", "throws.jar", "boom in extend");
        assertThat(Files.readString(log)).contains("plug-in good.jar!plug.Good loaded");
    }

    @Test
    void theRelaySwitchedOnInTheConfigurationReachesAGuestLoopbackPort() throws Exception {
        GuestOpsClient.Reply start =
                ops.start("http.RoundTrip", "127.0.0.1:" + server.getAddress().getPort());
        assertThat(start.error()).as("%s", start).isZero();
        long pid = Long.parseLong(start.text());
        ops.hgfs()
                .upload(
                        "/proc/" + pid + "/stdin",
                        "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII),
                        true);
        byte[] response = ops.hgfs().downloadWhenReady("/proc/" + pid + "/stdout", 600, Duration.ofMillis(100));
        assertThat(new String(response, StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 200")
                .endsWith("only on loopback");
    }

    private Process launch(List<String> args) throws IOException {
        return AgentHost.launch(args, log);
    }

    private byte[] submit(byte[] request) throws IOException {
        return AgentHost.submit(vmx, agent, request);
    }

    private String tclo(String request) throws IOException {
        return AgentHost.tclo(vmx, agent, request);
    }
}
