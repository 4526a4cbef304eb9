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
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/** Builds requests as the VMX does and decodes the server's replies. */
final class TestClient {
  static final long REQUEST_ID = 0x80000000L;
  final HgfsServer server;
  long session;

  TestClient(HgfsServer server) {
    this.server = server;
  }

  HgfsPacket call(int op, HgfsMessage m) {
    return call(op, session, m);
  }

  HgfsPacket call(int op, long sessionId, HgfsMessage m) {
    byte[] req = HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(REQUEST_ID, op, sessionId), m));
    return decodeReply(server.handle(req), op);
  }

  static HgfsPacket decodeReply(byte[] reply, int op) {
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

  static HgfsStatus status(HgfsPacket p) {
    return HgfsStatus.of(p.header().status());
  }

  <T> T ok(HgfsPacket p, Class<T> type) {
    assertThat(status(p)).isEqualTo(HgfsStatus.SUCCESS);
    return type.cast(p.message());
  }

  long createSession() {
    HgfsPacket p = call(HgfsOp.CREATE_SESSION_V4, 0,
        new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()));
    session = ok(p, HgfsMessage.CreateSessionReply.class).sessionId();
    return session;
  }

  HgfsPacket destroy() {
    return call(HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0));
  }

  HgfsPacket getattr(String path) {
    return call(HgfsOp.GETATTR_V2, new HgfsMessage.GetattrV2Request(
        new LegacyPrefix(REQUEST_ID, HgfsOp.GETATTR_V2), 0, 0, CpName.ofPath(path)));
  }

  HgfsPacket setattr(String path, long hints, AttrV2 attr) {
    return call(HgfsOp.SETATTR_V2, new HgfsMessage.SetattrV2Request(
        new LegacyPrefix(REQUEST_ID, HgfsOp.SETATTR_V2), hints, attr, 0, CpName.ofPath(path)));
  }

  HgfsPacket open(String path, int mode) {
    return call(HgfsOp.OPEN, new HgfsMessage.OpenRequest(
        new LegacyPrefix(REQUEST_ID, HgfsOp.OPEN), mode, 0, 0, CpName.ofPath(path)));
  }

  long openRead(String path) {
    return ok(open(path, 0), HgfsMessage.OpenReply.class).handle();
  }

  HgfsPacket openV3(String path, int mode, int flags, int ownerPerms, int lock) {
    return call(HgfsOp.OPEN_V3, new HgfsMessage.OpenV3Request(0x80B, mode, flags, 0, ownerPerms,
        0, 0, 0, 0, 0, 0, lock, 0, 0,
        new HgfsMessage.FileNameV3(0, 0, 0, CpName.ofPath(path))));
  }

  long openWrite(String path) {
    return ok(openV3(path, 1, 4, 6, 0), HgfsMessage.OpenV3Reply.class).handle();
  }

  HgfsPacket read(long handle, long offset, int size) {
    return call(HgfsOp.READ_V3, new HgfsMessage.ReadV3Request(handle, offset, size, 0));
  }

  byte[] readData(long handle, long offset, int size) {
    ByteBuffer d = ok(read(handle, offset, size), HgfsMessage.ReadV3Reply.class).data();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  /** Reads like the VMX: 0xF000 at a time until a short read. */
  byte[] readAll(long handle) {
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

  HgfsPacket write(long handle, long offset, int flags, byte[] data) {
    return call(HgfsOp.WRITE_V3, new HgfsMessage.WriteV3Request(
        handle, flags, offset, data.length, 0, ByteBuffer.wrap(data)));
  }

  HgfsPacket close(long handle) {
    return call(HgfsOp.CLOSE, new HgfsMessage.CloseRequest(
        new LegacyPrefix(REQUEST_ID, HgfsOp.CLOSE), handle));
  }
}
