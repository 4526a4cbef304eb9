package io.github.guesttools.mdata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.mdata.testing.ScriptedHost;
import io.github.guesttools.mdata.vectors.Exchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client produces every recorded client byte, including the probe and NEGOTIATE prologue
 * before each request, against a host that replays the recorded replies on a real socket.
 */
class ClientVectorTest {
    @TempDir
    Path dir;

    /** Host script: the recorded prologue, then the exchanges' steps. */
    private ScriptedHost host(boolean v2, Exchange... exchanges) throws Exception {
        List<Exchange.Step> steps =
                new ArrayList<>(Exchange.named("probe-resync").steps());
        if (v2) {
            steps.add(new Exchange.Step(true, "NEGOTIATE V2\n".getBytes(StandardCharsets.US_ASCII)));
            steps.add(new Exchange.Step(false, "V2_OK\n".getBytes(StandardCharsets.US_ASCII)));
        } else {
            steps.addAll(Exchange.named("negotiate-v1-only-host").steps());
        }
        for (Exchange e : exchanges) {
            steps.addAll(e.steps());
        }
        return new ScriptedHost(dir.resolve("h.sock"), (n, in, out) -> {
            for (Exchange.Step s : steps) {
                if (s.clientToHost()) {
                    ScriptedHost.expect(in, s.data());
                } else {
                    out.write(s.data());
                    out.flush();
                }
            }
        });
    }

    private static MetadataClient client(ScriptedHost host, String... ids) throws Exception {
        List<String> queue = new ArrayList<>(List.of(ids));
        return MetadataClient.builder()
                .transport(host.address())
                .requestIds(() -> queue.remove(0))
                .build();
    }

    @Test
    void v2Get() throws Exception {
        try (ScriptedHost h = host(true, Exchange.named("v2-get-success"));
                MetadataClient c = client(h, "ae155867")) {
            assertThat(c.get("foo")).isEqualTo("bar");
            h.assertNoFailures();
        }
    }

    @Test
    void v2GetMultilineThenPutThenDeleteOnOneConnection() throws Exception {
        try (ScriptedHost h = host(
                        true,
                        Exchange.named("v2-get-multiline"),
                        Exchange.named("v2-put-argv"),
                        Exchange.named("v2-delete"),
                        Exchange.named("v2-get-sdc-uuid"));
                MetadataClient c = client(h, "5cd3f789", "8eed96ac", "fe88a069", "307c0a15")) {
            assertThat(c.get("multi")).isEqualTo("line1\n.dotline\n\nline4");
            c.put("newkey", "hello world");
            c.delete("newkey");
            assertThat(c.get("sdc:uuid")).isEqualTo("8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e");
            h.assertNoFailures();
            assertThat(h.connections()).isEqualTo(1);
        }
    }

    @Test
    void v2Failures() throws Exception {
        try (ScriptedHost h = host(true, Exchange.named("v2-put-sdc-refused"), Exchange.named("v2-get-object-fails"));
                MetadataClient c = client(h, "d4bca44f", "8e6f5a61")) {
            assertThatThrownBy(() -> c.put("sdc:foo", "x"))
                    .isInstanceOf(MetadataHostException.class)
                    .hasMessage("Cannot update the \"sdc\" Namespace.");
            assertThatThrownBy(() -> c.get("sdc:tags")).isInstanceOf(MetadataHostException.class);
            h.assertNoFailures();
        }
    }

    @Test
    void v1OnlyHost() throws Exception {
        try (ScriptedHost h = host(false, Exchange.named("v1-get-dotstuffed"), Exchange.named("v1-keys"));
                MetadataClient c = client(h)) {
            assertThat(c.supportsV2()).isFalse();
            assertThat(c.get("multi")).isEqualTo("line1\n.dotline\n\nline4");
            assertThat(c.keys()).containsExactly("user-script", "foo", "multi", "root_pw");
            assertThatThrownBy(() -> c.put("a", "b"))
                    .isInstanceOf(MetadataUnsupportedException.class)
                    .hasMessage("host does not support PUT");
            assertThatThrownBy(() -> c.delete("a"))
                    .isInstanceOf(MetadataUnsupportedException.class)
                    .hasMessage("host does not support DELETE");
            h.assertNoFailures();
        }
    }
}
