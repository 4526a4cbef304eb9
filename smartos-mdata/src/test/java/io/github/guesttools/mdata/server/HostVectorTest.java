package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.testing.Fixtures;
import io.github.guesttools.mdata.vectors.Exchange;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The server answers every recorded exchange byte for byte, over a real Unix socket. */
class HostVectorTest {
    @TempDir
    Path dir;

    static Iterable<Exchange> exchanges() throws Exception {
        return Exchange.all();
    }

    static void writeAll(SocketChannel ch, byte[] data) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads up to {@code n} bytes, returning early (with what came) after 10 s of silence. */
    static byte[] readWithin(SocketChannel ch, int n) throws Exception {
        try (java.nio.channels.Selector sel = java.nio.channels.Selector.open()) {
            ch.register(sel, java.nio.channels.SelectionKey.OP_READ);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
            while (b.hasRemaining() && sel.select(10_000) > 0) {
                sel.selectedKeys().clear();
                if (ch.read(b) < 0) {
                    break;
                }
            }
            return java.util.Arrays.copyOf(b.array(), b.position());
        }
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void answersAsRecorded(Exchange exchange) throws Exception {
        Path file = Fixtures.copy("vectors-metadata.json", dir);
        Path sock = dir.resolve("m.sock");
        boolean v1Only = exchange.name().equals("negotiate-v1-only-host");
        try (MetadataServer server = new MetadataServer(
                MetadataStore.load(file, MetadataStore.DEFAULT_MAX_VALUE_BYTES), false, v1Only, m -> {})) {
            server.listenOnSocket(sock);
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                ch.configureBlocking(false);
                for (Exchange.Step step : exchange.steps()) {
                    if (step.clientToHost()) {
                        writeAll(ch, step.data());
                    } else {
                        byte[] got = readWithin(ch, step.data().length);
                        assertThat(new String(got, StandardCharsets.ISO_8859_1))
                                .isEqualTo(new String(step.data(), StandardCharsets.ISO_8859_1));
                    }
                }
                // Nothing more than recorded: a probe now gets exactly its own reply.
                writeAll(ch, new byte[] {'\n'});
                assertThat(new String(readWithin(ch, 16), StandardCharsets.US_ASCII))
                        .isEqualTo("invalid command\n");
            }
        }
        if (exchange.name().equals("v2-put-argv")) {
            assertThat(Files.readString(file)).contains("\"newkey\": \"hello world\"");
        }
    }
}
