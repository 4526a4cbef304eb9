package io.github.guesttools.mdata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.mdata.testing.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportTest {
    @TempDir
    Path dir;

    private ScriptedHost echoProbe(Path sock) throws Exception {
        return new ScriptedHost(sock, (n, in, out) -> {
            while (ScriptedHost.readLine(in) != null) {
                ScriptedHost.send(out, "invalid command\n");
            }
        });
    }

    @Test
    void socketTalksToAHost() throws Exception {
        Path sock = dir.resolve("h.sock");
        try (ScriptedHost h = echoProbe(sock)) {
            for (Transport t : new Transport[] {UnixSocketTransport.open(sock.toString())}) {
                try (t) {
                    t.write("\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] buf = new byte[64];
                    StringBuilder sb = new StringBuilder();
                    while (sb.length() < 16) {
                        int n = t.read(buf, 10_000);
                        assertThat(n).as(t.getClass().getSimpleName()).isPositive();
                        sb.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
                    }
                    assertThat(sb.toString()).isEqualTo("invalid command\n");
                    assertThat(t.read(buf, 50)).isZero(); // nothing more: a timeout, not an end of stream
                }
            }
        }
    }

    @Test
    void endOfStreamAndMissingSockets() throws Exception {
        Path sock = dir.resolve("closing.sock");
        try (ScriptedHost h = new ScriptedHost(sock, (n, in, out) -> {})) {
            for (Transport t : new Transport[] {UnixSocketTransport.open(sock.toString())}) {
                try (t) {
                    assertThat(t.read(new byte[8], 10_000)).isEqualTo(-1);
                }
            }
        }
        for (String missing : new String[] {dir.resolve("none.sock").toString()}) {
            assertThatThrownBy(() -> UnixSocketTransport.open(missing))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("Could not find metadata socket.")
                    .matches(e -> !((TransportException) e).isPermanent());
        }
        Path stale = Files.createFile(dir.resolve("stale.sock"));
        assertThatThrownBy(() -> UnixSocketTransport.open(stale.toString()))
                .isInstanceOf(TransportException.class)
                .hasMessage("Could not connect metadata socket.");
    }

    @Test
    void automaticSelectionPrefersZoneSocketsAndSkipsPlantedFiles() throws Exception {
        Path zc = Files.createDirectories(dir.resolve(".zonecontrol"));
        Files.writeString(zc.resolve("metadata.sock"), "garbage"); // smartos-live test-snapshots.js
        Path lx = Files.createDirectories(dir.resolve("native/.zonecontrol"));
        try (ScriptedHost h = echoProbe(lx.resolve("metadata.sock"))) {
            assertThat(TransportSelector.automatic(dir, "Linux").description())
                    .isEqualTo(lx.resolve("metadata.sock").toString());
        }
        assertThat(TransportSelector.automatic(dir, "Linux").description()).isEqualTo("/dev/ttyS1");
        assertThat(TransportSelector.automatic(dir, "FreeBSD").description()).isEqualTo("/dev/cuau1");
        assertThat(TransportSelector.automatic(dir, "OpenBSD").description()).isEqualTo("/dev/cua01");
        assertThatThrownBy(() -> TransportSelector.automatic(dir, "Windows 11"))
                .isInstanceOf(TransportException.class)
                .hasMessage("I don't know how to get metadata on this system.");
        Path sock = dir.resolve("s.sock");
        try (ScriptedHost h = echoProbe(sock)) {
            assertThat(TransportSelector.forAddress(sock.toString()).open()).isInstanceOf(UnixSocketTransport.class);
        }
        assertThat(TransportSelector.forAddress("serial:/dev/ttyS3").description())
                .isEqualTo("/dev/ttyS3");
        assertThat(TransportSelector.forAddress("unix:/x.sock").description()).isEqualTo("/x.sock");
    }
}
