package io.github.guesttools.benchmarks.hgfs;

import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.LegacyPrefix;
import io.github.guesttools.hgfs.server.HgfsServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A 256 MiB file downloaded as the VMX does (CreateSession, Open, ReadV3 of 0xF000 until a short
 * read, Close, DestroySession) through {@link HgfsServer#handle}, against a plain FileChannel read
 * of the same file in 0xF000-byte pieces. The file is in the page cache for both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HgfsDownloadBenchmark {
    static final int CHUNK = 0xF000;
    Path file;
    HgfsServer server;

    @Setup
    public void setUp() throws IOException {
        file = BenchData.file(256L << 20);
        server = HgfsServer.builder().build();
        plainFileChannel(); // page cache
    }

    /** One reply buffer reused for every request, as the VIX layer keeps one per thread. */
    final byte[] reply = new byte[HgfsServer.MAX_PACKET_SIZE];

    private byte[] call(int op, long session, HgfsMessage m) {
        return server.handle(HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(0x80000000L, op, session), m)));
    }

    /** Reads through the allocating {@code handle(byte[])}. */
    @Benchmark
    public long hgfsReadV3Allocating() throws Exception {
        return download(false);
    }

    /** Reads through {@code handle(request, buffer, offset)} into a reused buffer. */
    @Benchmark
    public long hgfsReadV3() throws Exception {
        return download(true);
    }

    private long download(boolean reuse) throws Exception {
        var created = (HgfsMessage.CreateSessionReply) HgfsCodec.decodeReply(call(
                        HgfsOp.CREATE_SESSION_V4, 0, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of())))
                .message();
        long session = created.sessionId();
        var opened = (HgfsMessage.OpenReply) HgfsCodec.decodeReply(call(
                        HgfsOp.OPEN,
                        session,
                        new HgfsMessage.OpenRequest(
                                new LegacyPrefix(0x80000000L, 0), 0, 0, 0, CpName.ofPath(file.toString()))))
                .message();
        long total = 0;
        while (true) {
            byte[] request = HgfsCodec.encode(new HgfsPacket(
                    HgfsHeader.request(0x80000000L, HgfsOp.READ_V3, session),
                    new HgfsMessage.ReadV3Request(opened.handle(), total, CHUNK, 0)));
            byte[] r = reuse ? reply : server.handle(request);
            if (reuse) {
                server.handle(request, reply, 0);
            }
            int n = ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).getInt(HgfsHeader.SIZE);
            total += n;
            if (n < CHUNK) {
                break;
            }
        }
        call(
                HgfsOp.CLOSE,
                session,
                new HgfsMessage.CloseRequest(new LegacyPrefix(0x80000000L, HgfsOp.CLOSE), opened.handle()));
        call(HgfsOp.DESTROY_SESSION_V4, session, new HgfsMessage.DestroySession(0));
        return total;
    }

    @Benchmark
    public long plainFileChannel() throws IOException {
        long total = 0;
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(buf)) > 0) {
                total += n;
                buf.clear();
            }
        }
        return total;
    }
}
