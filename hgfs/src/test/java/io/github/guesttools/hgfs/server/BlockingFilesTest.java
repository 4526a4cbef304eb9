package io.github.guesttools.hgfs.server;

import static io.github.guesttools.hgfs.server.TestClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens that could wait forever (a FIFO without a writer or reader, devices) are refused at once
 * with ACCESS_DENIED, so a user can never hold a shared worker with them. A vulnerable server
 * hangs here; the timeout turns that into a failure.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BlockingFilesTest {
    @TempDir
    Path dir;

    TestClient c;
    Path fifo;

    @BeforeEach
    void setUp() throws Exception {
        c = new TestClient(HgfsServer.builder().build());
        c.createSession();
        fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void fifoOpensForReadingOrWritingAreRefusedWithoutWaiting() {
        assertThat(status(c.open(fifo.toString(), 0))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(status(c.openV3(fifo.toString(), 0, 0, 6, 0))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        // write, create-or-open-and-truncate (what an upload with overwrite sends)
        assertThat(status(c.openV3(fifo.toString(), 1, 4, 6, 0))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void devicesAreNotServed() {
        assertThat(status(c.open("/dev/zero", 0))).isEqualTo(HgfsStatus.ACCESS_DENIED);
    }

    @Test
    void regularFilesStillOpen() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "data");
        long h = c.openRead(f.toString());
        assertThat(c.readData(h, 0, 100)).isEqualTo("data".getBytes());
        c.close(h);
    }
}
