package io.github.guesttools.mdata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.mdata.internal.protocol.V2Frame;
import io.github.guesttools.mdata.internal.protocol.V2FrameCodec;
import io.github.guesttools.mdata.server.MetadataServer;
import io.github.guesttools.mdata.server.MetadataStore;
import io.github.guesttools.mdata.testing.Fixtures;
import io.github.guesttools.mdata.testing.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server over a real Unix socket and a real pseudo-terminal. */
class ClientServerTest {
    @TempDir
    Path dir;

    private MetadataServer server() throws Exception {
        return new MetadataServer(MetadataStore.load(Fixtures.copy("full-metadata.json", dir), 1 << 20));
    }

    private static void exerciseBasics(MetadataClient c) throws Exception {
        assertThat(c.supportsV2()).isTrue();
        assertThat(c.get("hostname")).isEqualTo("web01");
        assertThat(c.get("sdc:uuid")).isEqualTo("8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e");
        assertThat(c.get("empty")).isEmpty();
        assertThatThrownBy(() -> c.get("missing"))
                .isInstanceOf(MetadataNotFoundException.class)
                .hasMessage("No metadata for 'missing'");
        assertThat(c.find("missing")).isEmpty();
        assertThatThrownBy(() -> c.put("sdc:x", "1"))
                .isInstanceOf(MetadataHostException.class)
                .hasMessage("Cannot update the \"sdc\" Namespace.");
        assertThatThrownBy(() -> c.put("k", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        c.put("status", "ready\n");
        assertThat(c.get("status")).isEqualTo("ready\n");
        assertThat(c.keys()).contains("status", "user-script").doesNotContain("sdc:uuid", "hidden");
        c.delete("status");
        assertThat(c.find("status")).isEmpty();
        String lineKey = "key\nwith newline";
        c.put(lineKey, "v");
        assertThat(c.get(lineKey)).isEqualTo("v");
    }

    private static void roundTripRandomValues(MetadataClient c, int count, long seed) throws Exception {
        Random r = new Random(seed);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] v = new byte[1 + r.nextInt(i % 10 == 0 ? 4000 : 200)];
            r.nextBytes(v);
            if (i % 3 == 0) {
                v[0] = 0; // a NUL first: mdata-client would lose everything after it
                v[v.length - 1] = '\r';
            }
            values.add(v);
            c.put("rnd" + i, v);
        }
        for (int i = 0; i < count; i++) {
            assertThat(c.getBytes("rnd" + i)).as("value %d", i).isEqualTo(values.get(i));
        }
    }

    @Test
    void overUnixSocket() throws Exception {
        try (MetadataServer s = server()) {
            Path sock = dir.resolve("m.sock");
            s.listenOnSocket(sock);
            try (MetadataClient c =
                    MetadataClient.builder().transport("unix:" + sock).build()) {
                exerciseBasics(c);
                roundTripRandomValues(c, 1000, 42);
            }
            // Persisted: a new client on a new connection reads the same bytes.
            try (MetadataClient c =
                    MetadataClient.builder().transport(sock.toString()).build()) {
                assertThat(c.getBytes("rnd999")).hasSizeGreaterThan(0);
            }
        }
    }

    @Test
    void overPseudoTerminal() throws Exception {
        try (MetadataServer s = server()) {
            String pts = s.listenOnPty();
            try (MetadataClient c =
                    MetadataClient.builder().transport("serial:" + pts).build()) {
                exerciseBasics(c);
                roundTripRandomValues(c, 100, 7);
            }
            // A second client on the same line after the first closed (lock released).
            try (MetadataClient c = MetadataClient.builder().transport(pts).build()) {
                assertThat(c.get("sdc:hostname")).isEqualTo("web01");
            }
        }
    }

    @Test
    void silentHostGivesATimeoutAtTheDeadline() throws Exception {
        List<String> diag = new CopyOnWriteArrayList<>();
        try (ScriptedHost h = new ScriptedHost(dir.resolve("silent.sock"), (n, in, out) -> in.readAllBytes());
                MetadataClient c = MetadataClient.builder()
                        .transport(h.address())
                        .deadline(Duration.ofMillis(1500))
                        .diagnostics(diag::add)
                        .build()) {
            assertThatThrownBy(() -> c.get("foo"))
                    .isInstanceOf(MetadataTimeoutException.class)
                    .hasMessageContaining("deadline");
            assertThat(diag).anyMatch(m -> m.startsWith("waiting for the metadata host on "));
        }
    }

    @Test
    void missingSocketIsRetriedUntilTheDeadline() throws Exception {
        try (MetadataClient c = MetadataClient.builder()
                .transport("unix:" + dir.resolve("none.sock"))
                .deadline(Duration.ofMillis(500))
                .build()) {
            assertThatThrownBy(() -> c.keys())
                    .isInstanceOf(MetadataTimeoutException.class)
                    .hasMessageContaining("Could not find metadata socket.");
        }
    }

    @Test
    void missingSerialDeviceIsPermanent() throws Exception {
        try (MetadataClient c = MetadataClient.builder()
                .transport("serial:" + dir.resolve("ttyS9"))
                .build()) {
            assertThatThrownBy(() -> c.get("x"))
                    .isInstanceOf(MetadataUnavailableException.class)
                    .hasMessage("Could not open serial device.");
        }
    }

    @Test
    void aRegularFileIsNotATerminal() throws Exception {
        Path f = java.nio.file.Files.writeString(dir.resolve("plain"), "x");
        try (MetadataClient c =
                MetadataClient.builder().transport("serial:" + f).build()) {
            assertThatThrownBy(() -> c.get("x"))
                    .isInstanceOf(MetadataUnavailableException.class)
                    .hasMessage("could not set raw mode on serial device");
        }
    }

    /** Reads the prologue: garbage before the probe reply, then V2_OK. */
    private static void prologue(java.io.InputStream in, java.io.OutputStream out) throws Exception {
        assertThat(ScriptedHost.readLine(in)).isEmpty();
        ScriptedHost.send(out, "stale garbage\n\u0000\u00ffxx\ninvalid command\n");
        assertThat(ScriptedHost.readLine(in)).isEqualTo("NEGOTIATE V2");
        ScriptedHost.send(out, "invalid command\nV2_OK\n");
    }

    private static String frame(String id, String code, String value) {
        return new String(
                V2FrameCodec.encode(V2Frame.of(id, code, value.getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.US_ASCII);
    }

    @Test
    void garbageBadFramesAndStrayProbeRepliesAreSkipped() throws Exception {
        try (ScriptedHost h = new ScriptedHost(dir.resolve("g.sock"), (n, in, out) -> {
                    prologue(in, out);
                    V2Frame req = V2FrameCodec.decodeRequest(ScriptedHost.readLine(in));
                    String id = req.requestId();
                    String good = frame(id, "SUCCESS", "the value");
                    String badCrc = good.replaceFirst(" [0-9a-f]{8} ", " 00000000 ");
                    ScriptedHost.send(
                            out,
                            "noise\ninvalid command\n\n" + badCrc + frame("ffffffff", "SUCCESS", "other")
                                    + "V2 12 garbage\n" + "l" + good.replace("\n", "\r\n"));
                    in.readAllBytes();
                });
                MetadataClient c =
                        MetadataClient.builder().transport(h.address()).build()) {
            assertThat(c.get("k")).isEqualTo("the value");
            h.assertNoFailures();
        }
    }

    /**
     * The unterminated tail of a stale line (a host that stopped in the middle of a reply) runs into
     * the probe's reply on one line: the probe still succeeds, on the first connection.
     */
    @Test
    void anUnterminatedStaleTailBeforeTheProbeReplyIsNoFailedProbe() throws Exception {
        try (ScriptedHost h = new ScriptedHost(dir.resolve("t.sock"), (n, in, out) -> {
                    ScriptedHost.send(out, "V2 40 0badc0de 0000002a SUCCESS dGhlIHRhaWwgb2YgYW4");
                    assertThat(ScriptedHost.readLine(in)).isEmpty();
                    ScriptedHost.send(out, "invalid command\n");
                    assertThat(ScriptedHost.readLine(in)).isEqualTo("NEGOTIATE V2");
                    ScriptedHost.send(out, "V2_OK\n");
                    V2Frame req = V2FrameCodec.decodeRequest(ScriptedHost.readLine(in));
                    ScriptedHost.send(out, frame(req.requestId(), "SUCCESS", "the value"));
                    in.readAllBytes();
                });
                MetadataClient c =
                        MetadataClient.builder().transport(h.address()).build()) {
            assertThat(c.get("k")).isEqualTo("the value");
            assertThat(h.connections()).isEqualTo(1);
            h.assertNoFailures();
        }
    }

    @Test
    void timeoutResetsAndResendsWithAFreshId() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        List<String> diag = new CopyOnWriteArrayList<>();
        try (ScriptedHost h = new ScriptedHost(dir.resolve("r.sock"), (n, in, out) -> {
                    prologue(in, out);
                    V2Frame req = V2FrameCodec.decodeRequest(ScriptedHost.readLine(in));
                    ids.add(req.requestId());
                    if (n == 1) {
                        in.readAllBytes(); // drop the first request on the floor
                        return;
                    }
                    ScriptedHost.send(out, frame(req.requestId(), "SUCCESS", "late"));
                    in.readAllBytes();
                });
                MetadataClient c = MetadataClient.builder()
                        .transport(h.address())
                        .diagnostics(diag::add)
                        .timeouts(5000, 5000, 300, 10)
                        .build()) {
            assertThat(c.get("k")).isEqualTo("late");
            assertThat(h.connections()).isEqualTo(2);
            assertThat(ids).hasSize(2).doesNotHaveDuplicates();
            assertThat(diag).contains("receive timeout, resetting protocol...");
            h.assertNoFailures();
        }
    }

    @Test
    void hostClosingMidRequestIsRetried() throws Exception {
        try (ScriptedHost h = new ScriptedHost(dir.resolve("c.sock"), (n, in, out) -> {
                    prologue(in, out);
                    V2Frame req = V2FrameCodec.decodeRequest(ScriptedHost.readLine(in));
                    if (n > 1) {
                        ScriptedHost.send(out, frame(req.requestId(), "NOTFOUND", ""));
                        in.readAllBytes();
                    }
                });
                MetadataClient c = MetadataClient.builder()
                        .transport(h.address())
                        .timeouts(5000, 5000, 5000, 10)
                        .build()) {
            assertThatThrownBy(() -> c.get("k")).isInstanceOf(MetadataNotFoundException.class);
            assertThat(h.connections()).isEqualTo(2);
        }
    }

    @Test
    void aHostThatKeepsHangingUpIsNotHammered() throws Exception {
        try (ScriptedHost h = new ScriptedHost(dir.resolve("hangup.sock"), (n, in, out) -> {
                    prologue(in, out);
                    ScriptedHost.readLine(in); // then hang up without a reply
                });
                MetadataClient c = MetadataClient.builder()
                        .transport(h.address())
                        .deadline(Duration.ofSeconds(3))
                        .build()) {
            assertThatThrownBy(() -> c.get("k")).isInstanceOf(MetadataTimeoutException.class);
            // With the 1 s pause between attempts a handful of connections; a busy loop makes hundreds.
            assertThat(h.connections()).isBetween(1, 10);
        }
    }
}
