package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient.Reply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the TCP relay ({@code http.RoundTrip}, govmomi's {@code NewProcessRoundTrip}): off by
 * default; on through {@code processes.tcpRelay} or the builder, a host client reaches an HTTP
 * server listening only on the guest's loopback the way govmomi's client does: StartProgram, the
 * request written to {@code /proc/<pid>/stdin}, the response read from {@code /proc/<pid>/stdout}.
 */
class TcpRelayTest {
    private HttpServer server;
    private final String secret = HexFormat.of().formatHex(SecureRandom.getSeed(8));

    @BeforeEach
    void loopbackOnlyServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/secret", exchange -> {
            byte[] body = ("loopback says " + secret).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void offByDefault() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> {})) {
            Reply start = a.ops().start("http.RoundTrip", target());
            assertThat(start.error())
                    .as("%s", start)
                    .isEqualTo(io.github.guesttools.toolbox.vix.VixError.FILE_NOT_FOUND);
        }
    }

    @Test
    void theBuilderOverridesTheConfiguration() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(Map.of("processes.tcpRelay", "true"), b -> b.tcpRelay(false))) {
            assertThat(a.ops().start("http.RoundTrip", target()).ok()).isFalse();
        }
    }

    @Test
    void onInToolboxConfTheHostReachesAGuestLoopbackPort() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(Map.of("processes.tcpRelay", "true"), b -> {})) {
            assertThat(roundTrip(a.ops())).startsWith("HTTP/1.1 200").endsWith("loopback says " + secret);
        }
    }

    @Test
    void onThroughTheBuilder() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.tcpRelay(true))) {
            assertThat(roundTrip(a.ops())).startsWith("HTTP/1.1 200").endsWith("loopback says " + secret);
        }
    }

    /** What govmomi's {@code NewProcessRoundTrip} client does for one request. */
    private String roundTrip(GuestOpsClient ops) throws Exception {
        Reply start = ops.start("http.RoundTrip", target());
        assertThat(start.error()).as("%s", start).isZero();
        long pid = Long.parseLong(start.text());
        String request = "GET /secret HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        ops.hgfs().upload("/proc/" + pid + "/stdin", request.getBytes(StandardCharsets.US_ASCII), true);
        byte[] response = ops.hgfs().downloadWhenReady("/proc/" + pid + "/stdout", 600, Duration.ofMillis(100));
        return new String(response, StandardCharsets.UTF_8);
    }

    private String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }
}
