package io.github.guesttools.hgfs.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.codec.LegacyPrefix;
import io.github.guesttools.hgfs.spi.Caller;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** Builds requests as the VMX does and decodes the server's replies (shared by the tests). */
public final class TestClient {
    static final long REQUEST_ID = 0x80000000L;
    public final HgfsServer server;
    public final Caller caller;
    public long session;

    /** A client whose packets come from the agent itself ({@code HgfsServer.handle(byte[])}). */
    public TestClient(HgfsServer server) {
        this(server, null);
    }

    /** A client whose packets come from {@code caller}. */
    public TestClient(HgfsServer server, Caller caller) {
        this.server = server;
        this.caller = caller;
    }

    /** A client for {@code other} presenting this client's session id. */
    public TestClient as(Caller other) {
        TestClient c = new TestClient(server, other);
        c.session = session;
        return c;
    }

    public HgfsPacket call(int op, HgfsMessage m) {
        return call(op, session, m);
    }

    public HgfsPacket call(int op, long sessionId, HgfsMessage m) {
        byte[] req = HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(REQUEST_ID, op, sessionId), m));
        return decodeReply(caller == null ? server.handle(req) : server.handle(caller, req), op);
    }

    public static HgfsPacket decodeReply(byte[] reply, int op) {
        try {
            HgfsPacket p = HgfsCodec.decodeReply(reply);
            assertThat(p.header().requestId()).isEqualTo(REQUEST_ID);
            assertThat(p.header().op()).isEqualTo(op);
            assertThat(p.header().flags()).isEqualTo(HgfsHeader.FLAG_REPLY);
            return p;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static HgfsStatus status(HgfsPacket p) {
        return HgfsStatus.of(p.header().status());
    }

    public <T> T ok(HgfsPacket p, Class<T> type) {
        assertThat(status(p)).isEqualTo(HgfsStatus.SUCCESS);
        return type.cast(p.message());
    }

    public long createSession() {
        HgfsPacket p = call(HgfsOp.CREATE_SESSION_V4, 0, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()));
        session = ok(p, HgfsMessage.CreateSessionReply.class).sessionId();
        return session;
    }

    public HgfsPacket destroy() {
        return call(HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0));
    }

    public HgfsPacket getattr(String path) {
        return call(
                HgfsOp.GETATTR_V2,
                new HgfsMessage.GetattrV2Request(
                        new LegacyPrefix(REQUEST_ID, HgfsOp.GETATTR_V2), 0, 0, CpName.ofPath(path)));
    }

    public HgfsPacket setattr(String path, long hints, AttrV2 attr) {
        return call(
                HgfsOp.SETATTR_V2,
                new HgfsMessage.SetattrV2Request(
                        new LegacyPrefix(REQUEST_ID, HgfsOp.SETATTR_V2), hints, attr, 0, CpName.ofPath(path)));
    }

    public HgfsPacket open(String path, int mode) {
        return call(
                HgfsOp.OPEN,
                new HgfsMessage.OpenRequest(
                        new LegacyPrefix(REQUEST_ID, HgfsOp.OPEN), mode, 0, 0, CpName.ofPath(path)));
    }

    public long openRead(String path) {
        return ok(open(path, 0), HgfsMessage.OpenReply.class).handle();
    }

    public HgfsPacket openV3(String path, int mode, int flags, int ownerPerms, int lock) {
        return call(
                HgfsOp.OPEN_V3,
                new HgfsMessage.OpenV3Request(
                        0x80B,
                        mode,
                        flags,
                        0,
                        ownerPerms,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        lock,
                        0,
                        0,
                        new HgfsMessage.FileNameV3(0, 0, 0, CpName.ofPath(path))));
    }

    public long openWrite(String path) {
        return ok(openV3(path, 1, 4, 6, 0), HgfsMessage.OpenV3Reply.class).handle();
    }

    public HgfsPacket read(long handle, long offset, int size) {
        return call(HgfsOp.READ_V3, new HgfsMessage.ReadV3Request(handle, offset, size, 0));
    }

    public byte[] readData(long handle, long offset, int size) {
        ByteBuffer d =
                ok(read(handle, offset, size), HgfsMessage.ReadV3Reply.class).data();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** Reads like the VMX: 0xF000 at a time until a short read. */
    public byte[] readAll(long handle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            byte[] chunk = readData(handle, offset, 0xF000);
            out.writeBytes(chunk);
            offset += chunk.length;
            if (chunk.length < 0xF000) {
                return out.toByteArray();
            }
        }
    }

    public HgfsPacket write(long handle, long offset, int flags, byte[] data) {
        return call(
                HgfsOp.WRITE_V3,
                new HgfsMessage.WriteV3Request(handle, flags, offset, data.length, 0, ByteBuffer.wrap(data)));
    }

    public HgfsPacket close(long handle) {
        return call(HgfsOp.CLOSE, new HgfsMessage.CloseRequest(new LegacyPrefix(REQUEST_ID, HgfsOp.CLOSE), handle));
    }

    /** Downloads like the VMX: Open, ReadV3 until a short read, Close. */
    public byte[] download(String path) {
        long h = openRead(path);
        byte[] data = readAll(h);
        assertThat(status(close(h))).isEqualTo(HgfsStatus.SUCCESS);
        return data;
    }

    /**
     * Uploads like the VMX: OpenV3 for writing, WriteV3 in 0xF000 pieces with APPEND, SetattrV2
     * with mask 0, Close.
     *
     * @return the statuses of the open (if it failed), or of the last write, the setattr, the close
     */
    public List<HgfsStatus> upload(String path, byte[] data) {
        HgfsPacket open = openV3(path, 1, 4, 6, 0);
        if (status(open) != HgfsStatus.SUCCESS) {
            return List.of(status(open));
        }
        long handle = ((HgfsMessage.OpenV3Reply) open.message()).handle();
        HgfsStatus writes = HgfsStatus.SUCCESS;
        for (int off = 0; off < data.length && writes == HgfsStatus.SUCCESS; off += 0xF000) {
            writes = status(write(
                    handle,
                    0,
                    HgfsMessage.WriteV3Request.FLAG_APPEND,
                    Arrays.copyOfRange(data, off, Math.min(data.length, off + 0xF000))));
        }
        HgfsStatus setattr = status(setattr(path, 0, AttrV2.EMPTY));
        return List.of(writes, setattr, status(close(handle)));
    }
}
