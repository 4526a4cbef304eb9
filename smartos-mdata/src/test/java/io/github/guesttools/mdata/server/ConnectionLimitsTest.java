package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.client.MetadataTimeoutException;
import io.github.guesttools.mdata.internal.posix.Fd;
import io.github.guesttools.mdata.internal.protocol.PutPayload;
import io.github.guesttools.mdata.internal.protocol.V2Frame;
import io.github.guesttools.mdata.internal.protocol.V2FrameCodec;
import io.github.guesttools.mdata.testing.Eventually;
import io.github.guesttools.mdata.testing.Fixtures;
import io.github.guesttools.mdata.testing.ToolProcess;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a guest can hold on the host's socket: idle connections, the connection limit. */
class ConnectionLimitsTest {
    @TempDir
    Path dir;

    private final List<SocketChannel> held = new ArrayList<>();

    @AfterEach
    void closeHeld() throws Exception {
        for (SocketChannel c : held) {
            c.close();
        }
    }

    private SocketChannel connect(Path sock) throws Exception {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(sock));
        held.add(c);
        return c;
    }

    /** Reads until LF or end of stream, with a hang guard. */
    private static String readLine(SocketChannel c) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    ByteBuffer one = ByteBuffer.allocate(1);
                    try {
                        while (true) {
                            one.clear();
                            if (c.read(one) < 0) {
                                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                            }
                            if (one.get(0) == '\n') {
                                return line.toString(StandardCharsets.UTF_8);
                            }
                            line.write(one.get(0));
                        }
                    } catch (java.io.IOException e) {
                        return null;
                    }
                })
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void seventyIdleConnectionsDoNotLockOutTheNextClient() throws Exception {
        Path file = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("m.sock");
        try (MetadataServer server = new MetadataServer(MetadataStore.load(file, 1 << 20))) {
            server.listenOnSocket(sock); // default limits: 64 connections, 60 s idle
            for (int i = 0; i < 70; i++) {
                connect(sock);
            }
            ToolProcess.Result r = ToolProcess.run(
                    "mdata-get", Map.of("MDATA_TRANSPORT", "unix:" + sock), null, "--timeout=60", "hostname");
            assertThat(r.stderr()).isEmpty();
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("web01\n");
            // The connections idle the longest made room: the first one is closed by the host.
            assertThat(readLine(held.get(0))).isNull();
        }
    }

    /** A server of the full fixture on {@code sock} with {@code limits}, logging to {@code log}. */
    private MetadataServer serve(Path sock, SocketLimits limits, java.util.function.Consumer<String> log)
            throws Exception {
        MetadataServer server = new MetadataServer(
                MetadataStore.load(Fixtures.copy("full-metadata.json", dir), 1 << 20), true, false, log);
        server.listenOnSocket(sock, limits);
        return server;
    }

    /** Stores a value larger than what a socket's buffers hold, then asks for it on {@code n} connections that never read. */
    private void stallReplies(Path sock, int n) throws Exception {
        try (MetadataClient md =
                MetadataClient.builder().transport("unix:" + sock).build()) {
            md.put("big", "x".repeat(900_000));
        }
        for (int i = 0; i < n; i++) {
            connect(sock).write(ByteBuffer.wrap("GET big\n".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /**
     * Peers that ask for a large value and never read the reply keep its write blocked. Before,
     * such a connection counted as answering a request: never closed, never evicted, and with all
     * of them stuck every newcomer was refused for ever. Now the newcomer evicts one.
     */
    @Test
    void connectionsThatDoNotReadTheirRepliesLockNoOneOut() throws Exception {
        Path sock = dir.resolve("m.sock");
        try (MetadataServer server = serve(sock, new SocketLimits(2, 600_000), m -> {})) {
            stallReplies(sock, 2);
            try (MetadataClient md = MetadataClient.builder()
                    .transport("unix:" + sock)
                    .deadline(Duration.ofSeconds(60))
                    .build()) {
                assertThat(md.get("hostname")).isEqualTo("web01");
            }
        }
    }

    /** A reply not read for longer than the idle bound is given up: the connection is closed. */
    @Test
    void aReplyNotReadWithinTheIdleBoundEndsItsConnection() throws Exception {
        Path sock = dir.resolve("m.sock");
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (MetadataServer server = serve(sock, new SocketLimits(64, 300), log::add)) {
            stallReplies(sock, 1);
            Eventually.await(
                    Duration.ofSeconds(60),
                    "the unread reply's connection is closed",
                    () -> log.stream().anyMatch(l -> l.contains("that did not read its reply for more than 300 ms")));
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheBound() throws Exception {
        Path file = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("m.sock");
        try (MetadataServer server = new MetadataServer(MetadataStore.load(file, 1 << 20))) {
            server.listenOnSocket(sock, new SocketLimits(64, 300));
            SocketChannel c = connect(sock);
            c.write(ByteBuffer.wrap(new byte[] {'\n'}));
            assertThat(readLine(c)).isEqualTo("invalid command");
            assertThat(readLine(c)).isNull(); // closed by the host, not by the hang guard
        }
    }

    @Test
    void aClientBeyondTheLimitWhileAllAreBusyIsToldSo() throws Exception {
        Path file = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("m.sock");
        MetadataStore store = MetadataStore.load(file, 1 << 20);
        try (MetadataServer server = new MetadataServer(store)) {
            server.listenOnSocket(sock, new SocketLimits(1, 60_000));
            Fd operator = Fd.openReadWrite(store.lockFile().toString());
            SocketChannel busy;
            try {
                operator.flockExclusive(); // an operator editing: the guest's PUT waits for the lock
                busy = connect(sock);
                busy.write(ByteBuffer.wrap(V2FrameCodec.encode(V2Frame.of(
                        "0000beef",
                        "PUT",
                        PutPayload.encode(
                                "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8))))));
                long inode = (Long) Files.getAttribute(store.lockFile(), "unix:ino");
                Eventually.await(
                        Duration.ofSeconds(60),
                        "the PUT waits for the lock",
                        () -> Files.readAllLines(Path.of("/proc/locks")).stream()
                                .anyMatch(l -> l.contains("->") && l.contains(":" + inode + " ")));

                SocketChannel refused = connect(sock);
                assertThat(readLine(refused)).isEqualTo("FAILURE too many connections to the metadata host; try again");
                assertThat(readLine(refused)).isNull();
                Throwable t = catchThrowable(() -> {
                    try (MetadataClient md = MetadataClient.builder()
                            .transport("unix:" + sock)
                            .deadline(Duration.ofSeconds(3))
                            .build()) {
                        md.get("hostname");
                    }
                });
                assertThat(t)
                        .isInstanceOf(MetadataTimeoutException.class)
                        .hasMessageContaining("the host refused: too many connections");
            } finally {
                operator.close();
            }
            byte[] line = readLine(busy).getBytes(StandardCharsets.US_ASCII);
            assertThat(V2FrameCodec.decode(line, 0, line.length).code()).isEqualTo("SUCCESS");
        }
    }
}
