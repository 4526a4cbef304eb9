package io.github.guesttools.process;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http.RoundTrip relay against a real local HTTP server. */
class TcpRelayTest {
    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path temp;

    private HttpServer http;
    private ProcessManager processes;

    @BeforeEach
    void setUp() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hello", exchange -> {
            byte[] body = ("hello " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        processes = ProcessManager.builder()
                .spillDirectoryParent(temp)
                .enableTcpRelay()
                .build();
    }

    @AfterEach
    void tearDown() throws IOException {
        processes.close();
        http.stop(0);
    }

    private long relay(String target) throws Exception {
        return processes.start(StartRequest.of(account(ME), TcpRelay.NAME, target));
    }

    @Test
    void relaysAnHttpRequestAndItsResponse() throws Exception {
        long pid = relay("127.0.0.1:" + http.getAddress().getPort());
        byte[] request = ("POST /hello HTTP/1.1\r\nHost: guest\r\nConnection: close\r\nContent-Length: 5\r\n\r\nworld")
                .getBytes(StandardCharsets.US_ASCII);
        try (StdinSink stdin = processes.openStdin(pid, account(ME))) {
            stdin.write(request, 0, request.length);
        }
        String response = Await.output(processes, pid, StdStream.STDOUT, ME);
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nhello world");
        assertThat(Await.ended(processes, pid).exitCode()).isZero();
    }

    @Test
    void isOffUnlessEnabled() throws Exception {
        try (ProcessManager plain =
                ProcessManager.builder().spillDirectoryParent(temp).build()) {
            assertThatThrownBy(() -> plain.start(StartRequest.of(account(ME), TcpRelay.NAME, "127.0.0.1:80")))
                    .isInstanceOf(ProgramNotFoundException.class);
        }
    }

    @Test
    void refusedConnectionExitsOneWithTheErrorOnStderr() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        long pid = relay("127.0.0.1:" + closedPort);
        assertThat(Await.ended(processes, pid).exitCode()).isEqualTo(1);
        assertThat(Await.output(processes, pid, StdStream.STDERR, ME)).contains("Connection refused");
    }

    @Test
    void badAddressesAreRejected() throws Exception {
        for (String bad : new String[] {"", "host", "host:", ":80", "host:0", "host:99999", "h:x"}) {
            long pid = relay(bad);
            assertThat(Await.ended(processes, pid).exitCode()).as(bad).isEqualTo(1);
        }
        assertThat(TcpRelay.parse("[::1]:8080").getPort()).isEqualTo(8080);
        assertThat(TcpRelay.parse("[::1]:8080").getAddress().isLoopbackAddress())
                .isTrue();
    }

    @Test
    void killClosesAStalledConnection() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long pid = relay("127.0.0.1:" + silent.getLocalPort());
            try (Socket accepted = silent.accept()) {
                processes.openStdin(pid, account(ME)).close();
                // the relay now waits for a response that never comes
                processes.kill(pid, account(ME));
                assertThat(Await.ended(processes, pid).exitCode()).isEqualTo(1);
                assertThat(accepted.getInputStream().read()).isEqualTo(-1); // the relay hung up
            }
        }
    }
}
