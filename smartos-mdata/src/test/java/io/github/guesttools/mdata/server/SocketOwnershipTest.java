package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.testing.Fixtures;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's socket belongs to the server that made it: a second server started on the same path
 * (an operator's mistake, a unit started twice) is refused instead of cutting the first one's guest
 * off, and a server removes only its own socket when it stops.
 */
class SocketOwnershipTest {
    @TempDir
    Path dir;

    private static String hostname(Path sock) throws Exception {
        try (MetadataClient md =
                MetadataClient.builder().transport("unix:" + sock).build()) {
            return md.find("hostname").orElse(null);
        }
    }

    @Test
    void aSocketAnotherServerServesIsNotTakenOver() throws Exception {
        Path file = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("m.sock");
        try (MetadataServer first = new MetadataServer(MetadataStore.load(file, 1 << 20))) {
            first.listenOnSocket(sock);
            try (MetadataServer second = new MetadataServer(MetadataStore.load(file, 1 << 20))) {
                Throwable refused = catchThrowable(() -> second.listenOnSocket(sock));
                assertThat(refused)
                        .isInstanceOf(IOException.class)
                        .hasMessage(sock + " is served by another process: not taken over");
            }
            assertThat(hostname(sock)).isEqualTo("web01");
        }
        assertThat(sock).doesNotExist();
    }

    @Test
    void aStaleSocketIsReplacedAndOnStopOnlyOurOwnIsRemoved() throws Exception {
        Path file = Fixtures.copy("full-metadata.json", dir);
        Path sock = dir.resolve("m.sock");
        // What a server killed with SIGKILL leaves: the socket file, nobody accepting on it.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();

        MetadataServer first = new MetadataServer(MetadataStore.load(file, 1 << 20));
        first.listenOnSocket(sock);
        assertThat(hostname(sock)).isEqualTo("web01");
        // Someone removes the socket and another server listens there; the first one stops after.
        Files.delete(sock);
        try (MetadataServer other = new MetadataServer(MetadataStore.load(file, 1 << 20))) {
            other.listenOnSocket(sock);
            first.close();
            assertThat(sock).exists();
            assertThat(hostname(sock)).isEqualTo("web01");
        }
        assertThat(sock).doesNotExist();
    }
}
