package io.github.guesttools.mdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.server.MetadataServer;
import io.github.guesttools.mdata.server.MetadataStore;
import io.github.guesttools.mdata.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output rules of the tools, run in-process against a real server on a socket. */
class CliInProcessTest {
    @TempDir
    Path dir;

    MetadataServer server;
    String transport;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = new MetadataServer(MetadataStore.load(Fixtures.copy("full-metadata.json", dir), 1 << 20));
        Path sock = dir.resolve("m.sock");
        server.listenOnSocket(sock);
        transport = "--transport=unix:" + sock;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private PrintStream ps(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    @Test
    void getAddsANewlineOnlyWhenMissing() {
        assertThat(MdataPut.run(
                        new String[] {transport, "nl", "ends\n"},
                        new ByteArrayInputStream(new byte[0]),
                        ps(err),
                        () -> false))
                .isZero();
        assertThat(MdataGet.run(new String[] {transport, "nl"}, ps(out), ps(err)))
                .isZero();
        assertThat(MdataGet.run(new String[] {transport, "empty"}, ps(out), ps(err)))
                .isZero();
        assertThat(MdataGet.run(new String[] {transport, "count"}, ps(out), ps(err)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ends\n\n42\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void putRefusesATerminalStdinBeforeConnecting() {
        int code = MdataPut.run(
                new String[] {"--transport=unix:" + dir.resolve("nothing-here"), "k"},
                new ByteArrayInputStream(new byte[0]),
                ps(err),
                () -> true);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("ERROR: either specify the metadata value as the"
                        + " second command-line argument, or pipe content to stdin.\n");
    }

    @Test
    void putOfAnEmptyValueIsRefusedLocally() {
        int code = MdataPut.run(
                new String[] {transport, "k"}, new ByteArrayInputStream(new byte[0]), ps(err), () -> false);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Error putting metadata for key 'k': an empty value");
    }

    @Test
    void deleteAndOptions() {
        assertThat(MdataDelete.run(new String[] {transport, "never-there"}, ps(err)))
                .isZero();
        assertThat(MdataDelete.run(new String[] {transport, "foo:bar"}, ps(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("Error deleting metadata key 'foo:bar': Cannot update the \"foo\" Namespace.\n");
        err.reset();
        assertThat(MdataDelete.run(new String[] {"--bogus", "k"}, ps(err))).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
        assertThat(MdataGet.run(new String[] {"--timeout=soon", "k"}, ps(out), ps(err)))
                .isEqualTo(3);
        // "--" ends the options, so a key may start with dashes.
        assertThat(MdataGet.run(new String[] {transport, "--", "--odd"}, ps(out), ps(err)))
                .isEqualTo(1);
    }
}
