package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.testing.Fixtures;
import io.github.guesttools.mdata.testing.ToolProcess;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the host cannot accept are answered with FAILURE and the reason, in the default mode
 * too (where malformed frames are still dropped silently, as agent.js does).
 */
class OversizedRequestTest {
    @TempDir
    Path dir;

    @Test
    void anOversizedPutGetsAFailureWithTheReasonInTheDefaultMode() throws Exception {
        Path file = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("m.sock");
        try (MetadataServer server =
                new MetadataServer(MetadataStore.load(file, MetadataStore.DEFAULT_MAX_VALUE_BYTES))) {
            server.listenOnSocket(sock);
            Map<String, String> env = Map.of("MDATA_TRANSPORT", "unix:" + sock);
            byte[] twoMiB = new byte[2 << 20];
            Arrays.fill(twoMiB, (byte) 'x');
            ToolProcess.Result r = ToolProcess.run("mdata-put", env, twoMiB, "--timeout=90", "big");
            assertThat(r.stderr()).contains("Request too large (limit 1048576 bytes per value)");
            assertThat(r.exit()).isEqualTo(2);

            // Within the line limit but over the value limit: refused by the store, also with the reason.
            byte[] overValue = Arrays.copyOf(twoMiB, (1 << 20) + 1024);
            r = ToolProcess.run("mdata-put", env, overValue, "--timeout=90", "big");
            assertThat(r.stderr()).contains("Value too large (limit 1048576 bytes)");
            assertThat(r.exit()).isEqualTo(2);

            r = ToolProcess.run("mdata-get", env, null, "--timeout=90", "hostname");
            assertThat(r.out()).isEqualTo("web01\n");
        }
    }
}
