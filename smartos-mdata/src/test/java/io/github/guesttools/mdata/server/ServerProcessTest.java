package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.testing.Fixtures;
import io.github.guesttools.mdata.testing.ToolProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MetadataServerMain as a process, through its launcher: socket and pty, writes kept across restarts. */
class ServerProcessTest {
    @TempDir
    Path dir;

    @Test
    void servesSocketAndPtyAndKeepsWritesAcrossRestarts() throws Exception {
        Path metadata = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("vm.sock");
        Path link = dir.resolve("ttyb");
        for (int round = 0; round < 2; round++) {
            Process server = ToolProcess.start(
                    "mdata-server",
                    Map.of(),
                    "--metadata",
                    metadata.toString(),
                    "--socket",
                    sock.toString(),
                    "--pty-link",
                    link.toString());
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("socket " + sock);
                String pty = out.readLine();
                assertThat(pty).startsWith("pty /dev/pts/");
                assertThat(Files.readSymbolicLink(link).toString()).isEqualTo(pty.substring(4));
                try (MetadataClient viaSocket = MetadataClient.builder()
                                .transport("unix:" + sock)
                                .build();
                        MetadataClient viaPty = MetadataClient.builder()
                                .transport("serial:" + link)
                                .build()) {
                    if (round == 0) {
                        viaSocket.put("written", "before restart");
                    } else {
                        assertThat(viaPty.get("written")).isEqualTo("before restart");
                    }
                    assertThat(viaPty.get("sdc:hostname")).isEqualTo("web01");
                }
            } finally {
                server.destroy();
                assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            // Stopped (SIGTERM): neither its socket nor the link to its gone pseudo-terminal is left.
            assertThat(sock).doesNotExist();
            assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .isFalse();
        }
    }

    /** A second server on a served socket exits 2 with the reason, and the first one goes on serving. */
    @Test
    void aSecondServerOnTheSameSocketIsRefused() throws Exception {
        Path metadata = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("vm.sock");
        Process first = ToolProcess.start(
                "mdata-server", Map.of(), "--metadata", metadata.toString(), "--socket", sock.toString());
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("socket " + sock);
            ToolProcess.Result second = ToolProcess.run(
                    "mdata-server", Map.of(), null, "--metadata", metadata.toString(), "--socket", sock.toString());
            assertThat(second.exit()).isEqualTo(2);
            assertThat(second.stderr())
                    .isEqualTo("mdata-server: " + sock + " is served by another process: not taken over\n");
            try (MetadataClient md =
                    MetadataClient.builder().transport("unix:" + sock).build()) {
                assertThat(md.get("sdc:hostname")).isEqualTo("web01");
            }
        } finally {
            first.destroy();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void badArgumentsAreAUsageError() throws Exception {
        ToolProcess.Result r = ToolProcess.run(
                "mdata-server", Map.of(), null, "--socket", dir.resolve("s").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.stderr()).contains("Usage: MetadataServerMain --metadata FILE");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"customer_metadata\": [}");
        r = ToolProcess.run("mdata-server", Map.of(), null, "--metadata", broken.toString(), "--pty");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("cannot load metadata: ");
    }
}
