package io.github.guesttools.hgfs.server;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsMessage.Capability;
import io.github.guesttools.hgfs.codec.HgfsMessage.CloseRequest;
import io.github.guesttools.hgfs.codec.HgfsMessage.CloseV3Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.CloseV3Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.CreateSessionReply;
import io.github.guesttools.hgfs.codec.HgfsMessage.CreateSessionRequest;
import io.github.guesttools.hgfs.codec.HgfsMessage.DestroySession;
import io.github.guesttools.hgfs.codec.HgfsMessage.GetattrV2Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.GetattrV2Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.LegacyReply;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenReply;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenRequest;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenV3Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenV3Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.ReadV3Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.SetattrV2Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.WriteV3Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.WriteV3Request;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsProtocolException;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.codec.LegacyPrefix;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileType;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The meaning of each op: one method per op, decoded request in, reply packet out. */
final class Operations {
  private static final Set<Integer> SUPPORTED = Set.of(HgfsOp.OPEN, HgfsOp.CLOSE,
      HgfsOp.GETATTR_V2, HgfsOp.SETATTR_V2, HgfsOp.OPEN_V3, HgfsOp.READ_V3, HgfsOp.WRITE_V3,
      HgfsOp.CLOSE_V3, HgfsOp.CREATE_SESSION_V4, HgfsOp.DESTROY_SESSION_V4);
  private static final int OPEN_MODE_MASK = 3;
  private static final int LOCK_NONE = 0;

  private final SessionTable sessions;
  private final PathResolver resolver;
  private final InstantSource clock;
  private final int maxPacketSize;
  private final int maxHandles;
  private final AtomicLong nextHandle = new AtomicLong();

  Operations(SessionTable sessions, PathResolver resolver, InstantSource clock, int maxPacketSize,
      int maxHandles) {
    this.sessions = sessions;
    this.resolver = resolver;
    this.clock = clock;
    this.maxPacketSize = maxPacketSize;
    this.maxHandles = maxHandles;
  }

  byte[] dispatch(HgfsPacket packet, Caller caller) throws HgfsException, HgfsProtocolException {
    HgfsHeader h = packet.header();
    HgfsMessage m = packet.message();
    if (m instanceof CreateSessionRequest r) {
      return createSession(h, r, caller);
    }
    if (!SUPPORTED.contains(h.op())) {
      throw new HgfsException(HgfsStatus.OPERATION_NOT_SUPPORTED, "op " + h.op());
    }
    Session s = sessions.get(h.sessionId(), caller);
    if (m instanceof DestroySession) {
      sessions.destroy(s);
      return reply(h, new DestroySession(0));
    } else if (m instanceof GetattrV2Request r) {
      return getattr(h, s, r);
    } else if (m instanceof SetattrV2Request r) {
      return setattr(h, s, r);
    } else if (m instanceof OpenRequest r) {
      return open(h, s, r);
    } else if (m instanceof CloseRequest r) {
      close(s, r.handle());
      return reply(h, new LegacyReply(LegacyPrefix.REPLY));
    } else if (m instanceof CloseV3Request r) {
      close(s, r.handle());
      return reply(h, new CloseV3Reply(0));
    } else if (m instanceof OpenV3Request r) {
      return openV3(h, s, r);
    } else if (m instanceof ReadV3Request r) {
      return read(h, s, r);
    } else if (m instanceof WriteV3Request r) {
      return write(h, s, r);
    }
    throw new HgfsException(HgfsStatus.OPERATION_NOT_SUPPORTED, "op " + h.op());
  }

  private static byte[] reply(HgfsHeader request, HgfsMessage message) {
    return HgfsCodec.encode(new HgfsPacket(request.reply(HgfsStatus.SUCCESS), message));
  }

  private byte[] createSession(HgfsHeader h, CreateSessionRequest r, Caller caller)
      throws HgfsException {
    Session s = sessions.create(caller);
    long max = r.maxPacketSize() == 0 ? maxPacketSize : Math.min(r.maxPacketSize(), maxPacketSize);
    List<Capability> caps = new ArrayList<>(HgfsOp.MAX);
    for (int op = 0; op < HgfsOp.MAX; op++) {
      caps.add(new Capability(op,
          SUPPORTED.contains(op) ? Capability.SUPPORTED : Capability.NOT_SUPPORTED));
    }
    return reply(h, new CreateSessionReply(
        s.id, max, 0, CreateSessionReply.FLAG_MAXPACKETSIZE_VALID, 0, caps));
  }

  private Handle handle(Session s, long id) throws HgfsException {
    Handle handle = s.get(id);
    if (handle == null) {
      throw new HgfsException(HgfsStatus.INVALID_HANDLE, "unknown handle " + id);
    }
    return handle;
  }

  private byte[] getattr(HgfsHeader h, Session s, GetattrV2Request r)
      throws HgfsException, HgfsProtocolException {
    String name = (r.hints() & GetattrV2Request.HINT_USE_FILE_DESC) != 0
        ? handle(s, r.handle()).path.name() : r.name().toPath();
    FileAttributes a = resolver.apply(name, (handler, p) -> handler.stat(s.owner, p));
    CpName target = a.type() == FileType.SYMLINK && a.symlinkTarget() != null
        ? CpName.ofText(a.symlinkTarget()) : CpName.EMPTY;
    return reply(h, new GetattrV2Reply(LegacyPrefix.REPLY, Attributes.toWire(a), target));
  }

  private byte[] setattr(HgfsHeader h, Session s, SetattrV2Request r)
      throws HgfsException, HgfsProtocolException {
    String name = (r.hints() & SetattrV2Request.HINT_USE_FILE_DESC) != 0
        ? handle(s, r.handle()).path.name() : r.name().toPath();
    if (r.attr().mask() != 0) {
      resolver.apply(name, (handler, p) -> {
        var changes = Attributes.changes(r, () -> modeOf(handler, s.owner, p), clock.instant());
        handler.setAttributes(s.owner, p, changes);
        return null;
      });
    }
    return reply(h, new LegacyReply(LegacyPrefix.REPLY));
  }

  private static int modeOf(FileHandler handler, Caller caller, TransferPath p) {
    try {
      return handler.stat(caller, p).mode();
    } catch (HgfsException e) {
      return 0;
    }
  }

  private byte[] open(HgfsHeader h, Session s, OpenRequest r)
      throws HgfsException, HgfsProtocolException {
    if ((r.mode() & OPEN_MODE_MASK) != 0) {
      throw new HgfsException(HgfsStatus.ACCESS_DENIED, "Open supports read-only mode only");
    }
    Handle handle = openHandle(s, r.name().toPath(), OpenOptions.READ);
    return reply(h, new OpenReply(LegacyPrefix.REPLY, handle.id));
  }

  private byte[] openV3(HgfsHeader h, Session s, OpenV3Request r)
      throws HgfsException, HgfsProtocolException {
    if (r.desiredLock() != LOCK_NONE) {
      throw new HgfsException(HgfsStatus.OPERATION_NOT_SUPPORTED, "locks are not supported");
    }
    if ((r.name().flags() & HgfsMessage.FileNameV3.FLAG_USE_FILE_DESC) != 0) {
      throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "OpenV3 by handle");
    }
    int mode = (r.mask() & OpenV3Request.VALID_MODE) != 0 ? r.mode() & OPEN_MODE_MASK : 0;
    OpenOptions options;
    if (mode == 0) {
      options = OpenOptions.READ;
    } else if (mode == 1) {
      int flags = (r.mask() & OpenV3Request.VALID_FLAGS) != 0 ? r.flags() : 0;
      if (flags < 0 || flags >= OpenOptions.Disposition.values().length) {
        throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "open flags " + flags);
      }
      options = new OpenOptions(OpenOptions.Access.WRITE,
          OpenOptions.Disposition.values()[flags], createMode(r));
    } else {
      throw new HgfsException(HgfsStatus.ACCESS_DENIED, "read-write opens are not supported");
    }
    Handle handle = openHandle(s, r.name().name().toPath(), options);
    return reply(h, new OpenV3Reply(handle.id, LOCK_NONE, 0, 0));
  }

  /** Missing group/other permissions copy the owner's, as open-vm-tools does; umask applies. */
  private static OptionalInt createMode(OpenV3Request r) {
    long m = r.mask();
    int owner = (m & OpenV3Request.VALID_OWNER_PERMS) != 0 ? r.ownerPerms() & 7 : 6;
    int group = (m & OpenV3Request.VALID_GROUP_PERMS) != 0 ? r.groupPerms() & 7 : owner;
    int other = (m & OpenV3Request.VALID_OTHER_PERMS) != 0 ? r.otherPerms() & 7 : owner;
    return OptionalInt.of(owner << 6 | group << 3 | other);
  }

  private Handle openHandle(Session s, String name, OpenOptions options) throws HgfsException {
    // checked before opening so a full session costs no file descriptor; add() checks again
    if (s.handleCount() >= maxHandles) {
      throw tooManyHandles(s);
    }
    Opened opened = resolver.apply(name, (handler, p) -> new Opened(handler.open(s.owner, p, options), p));
    Handle handle = new Handle(nextHandle.getAndIncrement() & 0xFFFFFFFFL, opened.path(),
        options.access(), opened.file());
    if (!s.add(handle, maxHandles)) {
      handle.close();
      throw tooManyHandles(s);
    }
    return handle;
  }

  private HgfsException tooManyHandles(Session s) {
    return new HgfsException(HgfsStatus.GENERIC_ERROR,
        "session of " + s.owner + " holds " + maxHandles + " open handles (the limit)");
  }

  private record Opened(OpenFile file, TransferPath path) {}

  private void close(Session s, long id) throws HgfsException {
    Handle handle = s.remove(id);
    if (handle == null) {
      throw new HgfsException(HgfsStatus.INVALID_HANDLE, "unknown handle " + id);
    }
    handle.close();
  }

  private byte[] read(HgfsHeader h, Session s, ReadV3Request r) throws HgfsException {
    int size = readSize(r);
    byte[] buf = new byte[HgfsCodec.READ_V3_REPLY_OVERHEAD + size];
    int n = readData(s, r, buf, 0, size);
    return HgfsCodec.finishReadV3Reply(h.reply(HgfsStatus.SUCCESS), buf, n);
  }

  /** Answers into a caller's buffer; ReadV3 data goes there directly, without an extra copy. */
  int dispatchInto(HgfsPacket packet, Caller caller, byte[] out, int offset)
      throws HgfsException, HgfsProtocolException {
    if (packet.message() instanceof ReadV3Request r) {
      Session s = sessions.get(packet.header().sessionId(), caller);
      int n = readData(s, r, out, offset, readSize(r));
      return HgfsCodec.finishReadV3Reply(packet.header().reply(HgfsStatus.SUCCESS), out, offset, n);
    }
    byte[] reply = dispatch(packet, caller);
    System.arraycopy(reply, 0, out, offset, reply.length);
    return reply.length;
  }

  private int readSize(ReadV3Request r) {
    return (int) Math.min(r.requiredSize(), maxPacketSize - HgfsCodec.READ_V3_REPLY_OVERHEAD);
  }

  private int readData(Session s, ReadV3Request r, byte[] buf, int offset, int size)
      throws HgfsException {
    Handle handle = handle(s, r.handle());
    if (handle.access != OpenOptions.Access.READ) {
      throw new HgfsException(HgfsStatus.ACCESS_DENIED, "handle is open for writing");
    }
    if (r.offset() < 0) {
      throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "offset beyond 2^63");
    }
    return handle.read(r.offset(),
        ByteBuffer.wrap(buf, offset + HgfsCodec.READ_V3_REPLY_DATA_OFFSET, size).slice());
  }

  private byte[] write(HgfsHeader h, Session s, WriteV3Request r) throws HgfsException {
    Handle handle = handle(s, r.handle());
    if (handle.access != OpenOptions.Access.WRITE) {
      throw new HgfsException(HgfsStatus.ACCESS_DENIED, "handle is open for reading");
    }
    boolean append = (r.flags() & WriteV3Request.FLAG_APPEND) != 0;
    if (!append && r.offset() < 0) {
      throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "offset beyond 2^63");
    }
    int n = handle.write(r.offset(), r.data(), append);
    return reply(h, new WriteV3Reply(n, 0));
  }
}
