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

    /**
     * The file a guest's writes may make: before, PUTs of new keys grew it without end (360 MB and
     * 5 GB of the host's memory after 60 of 1 MiB). Over the limit a write is refused with the
     * reason; deletes, and writes that do not grow the file, still go through.
     */
    @Test
    void guestWritesCannotGrowTheFileBeyondItsLimit() throws Exception {
        Path file = Fixtures.copy("full-metadata.json", dir);
        long limit = java.nio.file.Files.size(file) + 10_000;
        MetadataStore store = MetadataStore.load(file, 4096, limit, m -> {});
        String value = "v".repeat(3000);
        store.put("k1", value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        store.put("k2", value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        store.put("k3", value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Throwable full = org.assertj.core.api.Assertions.catchThrowable(
                () -> store.put("k4", value.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(full)
                .isInstanceOf(MetadataRefusedException.class)
                .hasMessage("Metadata full (limit " + limit + " bytes)");
        assertThat(java.nio.file.Files.size(file)).isLessThanOrEqualTo(limit);
        assertThat(store.keys()).contains("k1", "k2", "k3").doesNotContain("k4");

        // A write that does not grow it, and a delete, are taken; then there is room again.
        store.put("k3", "short".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        store.delete("k2");
        store.put("k4", value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(store.keys()).contains("k1", "k3", "k4").doesNotContain("k2");

        // Full again; through the protocol the reason reaches mdata-put.
        store.put("k2", value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path sock = dir.resolve("m.sock");
        try (MetadataServer server = new MetadataServer(store)) {
            server.listenOnSocket(sock);
            ToolProcess.Result r = ToolProcess.run(
                    "mdata-put", Map.of("MDATA_TRANSPORT", "unix:" + sock), null, "--timeout=90", "k5", value);
            assertThat(r.stderr())
                    .isEqualTo("Error putting metadata for key 'k5': Metadata full (limit " + limit + " bytes)\n");
            assertThat(r.exit()).isEqualTo(2);
        }
    }
}
