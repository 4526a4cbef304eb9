package io.github.guesttools.hgfs.server;

import static io.github.guesttools.hgfs.server.TestClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.StreamFile;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, handles and every status code the server produces. */
class SessionAndStatusTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();
    final AtomicInteger closes = new AtomicInteger();

    /** A handler whose files count their closes. */
    final FileHandler counting = new FileHandler() {
        @Override
        public FileAttributes stat(TransferPath path) {
            return FileAttributes.virtual(3, 0400, 4, Instant.EPOCH);
        }

        @Override
        public OpenFile open(TransferPath path, OpenOptions options) {
            return StreamFile.reading(new ByteArrayInputStream("abc".getBytes()), closes::incrementAndGet);
        }
    };

    /** A readable file of the test's own (tests never rely on system files such as /etc/hosts). */
    String ownFile() {
        Path file = dir.resolve("own.txt");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "a file of the test's own\n");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file.toString();
    }

    HgfsServer server(int maxSessions) {
        return HgfsServer.builder()
                .clock(clock)
                .idleTimeout(Duration.ofSeconds(120))
                .maxSessions(maxSessions)
                .handler("count", counting)
                .build();
    }

    @Test
    void sessionIdsAreRandomAndUnique() {
        HgfsServer server = server(100);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(new TestClient(server).createSession());
        }
        assertThat(ids).hasSize(50);
        // not a counter: consecutive ids differ in many bits
        long first = ids.iterator().next();
        assertThat(ids.stream().filter(id -> Long.bitCount(id ^ first) < 8).count())
                .isEqualTo(1);
    }

    @Test
    void sessionLimitGivesTooManySessionsAndDestroyFreesASlot() {
        HgfsServer server = server(2);
        TestClient a = new TestClient(server);
        a.createSession();
        new TestClient(server).createSession();
        TestClient c = new TestClient(server);
        HgfsPacket p = c.call(
                HgfsOp.CREATE_SESSION_V4, 0, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, java.util.List.of()));
        assertThat(status(p)).isEqualTo(HgfsStatus.TOO_MANY_SESSIONS);
        assertThat(status(a.destroy())).isEqualTo(HgfsStatus.SUCCESS);
        c.createSession();
    }

    @Test
    void unknownAndDestroyedSessionsAreStale() {
        HgfsServer server = server(5);
        TestClient c = new TestClient(server);
        c.session = 0x1234;
        assertThat(status(c.getattr(ownFile()))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(c.destroy())).isEqualTo(HgfsStatus.STALE_SESSION);
        c.createSession();
        assertThat(status(c.destroy())).isEqualTo(HgfsStatus.SUCCESS);
        assertThat(status(c.read(0, 0, 10))).isEqualTo(HgfsStatus.STALE_SESSION);
    }

    @Test
    void destroySessionClosesItsHandles() {
        HgfsServer server = server(5);
        TestClient c = new TestClient(server);
        c.createSession();
        c.openRead("/count/a");
        c.openRead("/count/b");
        assertThat(closes).hasValue(0);
        c.destroy();
        assertThat(closes).hasValue(2);
    }

    @Test
    void idleSessionsExpireWithTheirHandlesButActiveOnesLive() {
        HgfsServer server = server(5);
        TestClient idle = new TestClient(server);
        idle.createSession();
        long h = idle.openRead("/count/x");
        TestClient active = new TestClient(server);
        active.createSession();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(50));
            assertThat(status(active.getattr(ownFile()))).isEqualTo(HgfsStatus.SUCCESS);
        }
        assertThat(closes).hasValue(1);
        assertThat(status(idle.read(h, 0, 10))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void handlesBelongToTheirSession() {
        HgfsServer server = server(5);
        TestClient a = new TestClient(server);
        a.createSession();
        long h = a.openRead(ownFile());
        TestClient b = new TestClient(server);
        b.createSession();
        assertThat(status(b.read(h, 0, 10))).isEqualTo(HgfsStatus.INVALID_HANDLE);
        assertThat(status(b.close(h))).isEqualTo(HgfsStatus.INVALID_HANDLE);
        assertThat(status(a.close(h))).isEqualTo(HgfsStatus.SUCCESS);
        assertThat(status(a.close(h))).isEqualTo(HgfsStatus.INVALID_HANDLE);
        assertThat(status(a.read(h + 1000, 0, 10))).isEqualTo(HgfsStatus.INVALID_HANDLE);
    }

    @Test
    void handlesAreUniqueAcrossSessions() {
        HgfsServer server = server(5);
        TestClient a = new TestClient(server);
        a.createSession();
        TestClient b = new TestClient(server);
        b.createSession();
        assertThat(a.openRead(ownFile())).isNotEqualTo(b.openRead(ownFile()));
    }

    @Test
    void statusCodesOfFileOperations() throws Exception {
        HgfsServer server = server(5);
        TestClient c = new TestClient(server);
        c.createSession();
        Path f = dir.resolve("f");
        Files.writeString(f, "x");
        assertThat(status(c.getattr(dir + "/missing"))).isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
        assertThat(status(c.open(f.toString(), 1))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(status(c.openV3(f.toString(), 2, 0, 6, 0))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(status(c.openV3(f.toString(), 1, 3, 6, 0))).isEqualTo(HgfsStatus.FILE_EXISTS);
        assertThat(status(c.openV3(f.toString(), 1, 4, 6, 2))).isEqualTo(HgfsStatus.OPERATION_NOT_SUPPORTED);
        assertThat(status(c.openV3(f.toString(), 1, 9, 6, 0))).isEqualTo(HgfsStatus.INVALID_PARAMETER);
        assertThat(status(c.openV3(f + "/sub", 1, 4, 6, 0))).isEqualTo(HgfsStatus.NOT_DIRECTORY);
        long w = c.openWrite(dir.resolve("w").toString());
        assertThat(status(c.read(w, 0, 10))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        long r = c.openRead(f.toString());
        assertThat(status(c.write(r, 0, 0, new byte[1]))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(status(c.read(r, -1, 10))).isEqualTo(HgfsStatus.INVALID_PARAMETER);
        assertThat(status(c.open(dir.toString(), 0))).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(status(c.call(
                        HgfsOp.OPEN,
                        new HgfsMessage.OpenRequest(
                                new io.github.guesttools.hgfs.codec.LegacyPrefix(1, 0),
                                0,
                                0,
                                0,
                                io.github.guesttools.hgfs.codec.CpName.ofBytes("root\0..\0etc\0passwd".getBytes())))))
                .isEqualTo(HgfsStatus.INVALID_NAME);
        assertThat(status(c.call(
                        HgfsOp.OPEN,
                        new HgfsMessage.OpenRequest(
                                new io.github.guesttools.hgfs.codec.LegacyPrefix(1, 0),
                                0,
                                0,
                                0,
                                io.github.guesttools.hgfs.codec.CpName.ofBytes("C:\0etc\0passwd".getBytes())))))
                .isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
    }

    @Test
    void unsupportedOpsAndBrokenPacketsGetErrorRepliesAndTheServerStillAnswers() {
        HgfsServer server = server(5);
        TestClient c = new TestClient(server);
        c.createSession();
        // an op without a decoder (SEARCH_OPEN_V3)
        HgfsPacket p = c.call(28, new HgfsMessage.Raw(ByteBuffer.allocate(20)));
        assertThat(status(p)).isEqualTo(HgfsStatus.OPERATION_NOT_SUPPORTED);
        // a V4 header whose payload is cut short
        byte[] req = HgfsCodec.encode(new HgfsPacket(
                HgfsHeader.request(TestClient.REQUEST_ID, HgfsOp.READ_V3, c.session),
                new HgfsMessage.ReadV3Request(0, 0, 100, 0)));
        byte[] cut = java.util.Arrays.copyOf(req, req.length - 10);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(8, cut.length);
        assertThat(status(TestClient.decodeReply(server.handle(cut), HgfsOp.READ_V3)))
                .isEqualTo(HgfsStatus.PROTOCOL_ERROR);
        // packetSize lies (larger than the bytes)
        byte[] lying = req.clone();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 100000);
        assertThat(status(TestClient.decodeReply(server.handle(lying), HgfsOp.READ_V3)))
                .isEqualTo(HgfsStatus.PROTOCOL_ERROR);
        // oversize packet
        byte[] huge = java.util.Arrays.copyOf(req, HgfsServer.MAX_PACKET_SIZE + 1);
        assertThat(status(TestClient.decodeReply(server.handle(huge), HgfsOp.READ_V3)))
                .isEqualTo(HgfsStatus.PROTOCOL_ERROR);
        // legacy header: legacy reply {id, status}
        byte[] legacy = {7, 0, 0, 0, 25, 0, 0, 0, 0, 0};
        assertThat(server.handle(legacy)).containsExactly(7, 0, 0, 0, 13, 0, 0, 0);
        // garbage shorter than any header
        assertThat(server.handle(new byte[] {1, 2})).containsExactly(0, 0, 0, 0, 7, 0, 0, 0);
        assertThat(server.handle(new byte[0])).hasSize(8);
        // still serving
        assertThat(status(c.getattr(ownFile()))).isEqualTo(HgfsStatus.SUCCESS);
    }

    @Test
    void everyTruncationAndBitFlipOfTheRecordedRequestsIsAnsweredWithoutException() throws Exception {
        HgfsServer server = server(25);
        java.util.Random random = new java.util.Random(4);
        for (String name : new String[] {
            "01-RequestCreateSessionV4",
            "03-RequestGetattrV2",
            "05-RequestOpen",
            "07-RequestReadV3",
            "09-RequestClose",
            "13-RequestOpenV3",
            "15-RequestSetattrV2",
            "17-RequestWriteV3"
        }) {
            byte[] full = CapturedSequenceReplayTest.captured(name);
            for (int len = 0; len <= full.length; len++) {
                assertThat(server.handle(java.util.Arrays.copyOf(full, len))).hasSizeGreaterThanOrEqualTo(8);
            }
            for (int i = 0; i < 300; i++) {
                byte[] flipped = full.clone();
                int at = 52 + random.nextInt(full.length - 52);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                assertThat(server.handle(flipped)).hasSizeGreaterThanOrEqualTo(52);
            }
        }
        server.close();
    }

    @Test
    void retryLaterAndFallThroughOfHandlers() throws Exception {
        FileHandler busy = new FileHandler() {
            @Override
            public FileAttributes stat(TransferPath path) throws HgfsException {
                if (path.path().equals("/1/stdout")) {
                    throw HgfsException.retryLater("process 1 still running");
                }
                throw HgfsException.notFound(path.name());
            }

            @Override
            public OpenFile open(TransferPath path, OpenOptions options) throws HgfsException {
                stat(path);
                throw new AssertionError();
            }
        };
        HgfsServer server = HgfsServer.builder().handler("proc", busy).build();
        TestClient c = new TestClient(server);
        c.createSession();
        assertThat(status(c.getattr("/proc/1/stdout"))).isEqualTo(HgfsStatus.SHARING_VIOLATION);
        HgfsException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                HgfsException.class, () -> server.stat("/proc/1/stdout"));
        assertThat(e.isRetryLater()).isTrue();
        // not this handler's: the real procfs file, with the size trick
        assertThat(server.stat("/proc/self/status").size()).isEqualTo(0xF800);
        long h = c.openRead("/proc/self/status");
        assertThat(new String(c.readAll(h))).contains("Pid:");
    }
}
