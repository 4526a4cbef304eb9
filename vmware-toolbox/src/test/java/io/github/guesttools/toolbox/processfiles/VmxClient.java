package io.github.guesttools.toolbox.processfiles;

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
import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.hgfs.spi.Caller;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sends HGFS request packets through the server's public entry point the way the VMX drives a
 * transfer ({@code docs/protocols/hgfs.md} §10), and decodes the reply packets.
 */
final class VmxClient {
    private static final long REQUEST_ID = 0x80000000L;

    private final HgfsServer server;
    private final Caller caller;
    private long session;

    VmxClient(HgfsServer server, Caller caller) {
        this.server = server;
        this.caller = caller;
    }

    /** A client for {@code other} that presents this client's session id (a stolen session). */
    VmxClient as(Caller other) {
        VmxClient c = new VmxClient(server, other);
        c.session = session;
        return c;
    }

    /** The reply status and message of one request. */
    record Reply(HgfsStatus status, HgfsMessage message) {
        <T> T expect(Class<T> type) {
            assertThat(status).isEqualTo(HgfsStatus.SUCCESS);
            return type.cast(message);
        }
    }

    Reply send(int op, HgfsMessage message) {
        byte[] request = HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(REQUEST_ID, op, session), message));
        try {
            HgfsPacket reply = HgfsCodec.decodeReply(server.handle(caller, request));
            assertThat(reply.header().op()).isEqualTo(op);
            return new Reply(HgfsStatus.of(reply.header().status()), reply.message());
        } catch (Exception e) {
            throw new AssertionError("undecodable reply to op " + op, e);
        }
    }

    void createSession() {
        session = send(HgfsOp.CREATE_SESSION_V4, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()))
                .expect(HgfsMessage.CreateSessionReply.class)
                .sessionId();
    }

    void destroySession() {
        send(HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0)).expect(HgfsMessage.DestroySession.class);
    }

    Reply getattr(String path) {
        return send(
                HgfsOp.GETATTR_V2,
                new HgfsMessage.GetattrV2Request(
                        new LegacyPrefix(REQUEST_ID, HgfsOp.GETATTR_V2), 0, 0, CpName.ofPath(path)));
    }

    Reply setattr(String path, AttrV2 attr) {
        return send(
                HgfsOp.SETATTR_V2,
                new HgfsMessage.SetattrV2Request(
                        new LegacyPrefix(REQUEST_ID, HgfsOp.SETATTR_V2), 0, attr, 0, CpName.ofPath(path)));
    }

    /** Op 0, read-only: what the VMX uses for downloads. */
    Reply openRead(String path) {
        return send(
                HgfsOp.OPEN,
                new HgfsMessage.OpenRequest(new LegacyPrefix(REQUEST_ID, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(path)));
    }

    /** OpenV3 with the VMX's upload parameters, or read-only with mode 0. */
    Reply openV3(String path, int mode) {
        return send(
                HgfsOp.OPEN_V3,
                new HgfsMessage.OpenV3Request(
                        0x80B,
                        mode,
                        4,
                        0,
                        6,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        new HgfsMessage.FileNameV3(0, 0, 0, CpName.ofPath(path))));
    }

    Reply write(long handle, byte[] data, int offset, int length) {
        return send(
                HgfsOp.WRITE_V3,
                new HgfsMessage.WriteV3Request(
                        handle,
                        HgfsMessage.WriteV3Request.FLAG_APPEND,
                        0,
                        length,
                        0,
                        ByteBuffer.wrap(data, offset, length)));
    }

    byte[] read(long handle, long offset, int size) {
        ByteBuffer data = send(HgfsOp.READ_V3, new HgfsMessage.ReadV3Request(handle, offset, size, 0))
                .expect(HgfsMessage.ReadV3Reply.class)
                .data();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    Reply close(long handle) {
        return send(HgfsOp.CLOSE, new HgfsMessage.CloseRequest(new LegacyPrefix(REQUEST_ID, HgfsOp.CLOSE), handle));
    }
}
