package io.github.guesttools.hgfs.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The producer side of an archive download: a failure mid-archive must reach the reader as an
 * error, never as a clean end of a truncated archive. Before the fix the sink was closed (a
 * clean end) before the failure was recorded, and a reader waiting at that moment took the end:
 * {@code AgentProcessIT.deniedByTheUsersOwnPermissions} saw a root-only file's archive "succeed".
 */
class ArchiveProducerTest {
    private static final Path NAME = Path.of("/tmp/archived");

    /** Reads everything; the future fails with the reader's exception. */
    private static CompletableFuture<byte[]> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aFailureMidArchiveAlwaysReachesAWaitingReader() throws Exception {
        for (int i = 0; i < 300; i++) {
            ChunkPipe pipe = new ChunkPipe(2, 16);
            CompletableFuture<byte[]> read = readAll(pipe.source()); // waiting before anything is written
            ArchiveHandler.produce(
                    pipe,
                    out -> {
                        out.write(new byte[40]); // two full chunks and a partial one
                        throw new IOException("cannot read /tmp/archived/secret.txt");
                    },
                    NAME);
            assertThatThrownBy(() -> read.get(60, TimeUnit.SECONDS))
                    .as("attempt %d", i)
                    .hasRootCauseMessage("cannot read /tmp/archived/secret.txt");
        }
    }

    @Test
    void aCompleteArchiveEndsCleanly() throws Exception {
        ChunkPipe pipe = new ChunkPipe(2, 16);
        CompletableFuture<byte[]> read = readAll(pipe.source());
        ArchiveHandler.produce(pipe, out -> out.write(new byte[] {1, 2, 3}), NAME);
        assertThat(read.get(60, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    }
}
