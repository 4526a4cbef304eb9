package io.github.guesttools.hgfs.server;

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
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.FileType;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meaning of each op: one entry per op in {@link #table} (op code to handler, like the VIX and
 * TCLO dispatchers), decoded request in, reply packet out. Both entry points, {@link #dispatch}
 * and {@link #dispatchInto}, go through the same table, so they cannot disagree on which ops exist.
 */
final class Operations {
    private static final int OPEN_MODE_MASK = 3;
    private static final int LOCK_NONE = 0;

    private final SessionTable sessions;
    private final PathResolver resolver;
    private final InstantSource clock;
    private final int maxPacketSize;
    private final int maxHandles;
    private final AtomicLong nextHandle = new AtomicLong();
    /** Indexed by op code; null for an op not served (answered {@code OPERATION_NOT_SUPPORTED}). */
    private final Op<?>[] table = new Op<?>[HgfsOp.MAX];

    Operations(SessionTable sessions, PathResolver resolver, InstantSource clock, int maxPacketSize, int maxHandles) {
        this.sessions = sessions;
        this.resolver = resolver;
        this.clock = clock;
        this.maxPacketSize = maxPacketSize;
        this.maxHandles = maxHandles;
        table[HgfsOp.CREATE_SESSION_V4] =
                new Op<>(CreateSessionRequest.class, (h, caller, s, r) -> createSession(h, r, caller), null, false);
        session(HgfsOp.DESTROY_SESSION_V4, DestroySession.class, (h, s, r) -> {
            sessions.destroy(s);
            return reply(h, new DestroySession(0));
        });
        session(HgfsOp.GETATTR_V2, GetattrV2Request.class, this::getattr);
        session(HgfsOp.SETATTR_V2, SetattrV2Request.class, this::setattr);
        session(HgfsOp.OPEN, OpenRequest.class, this::open);
        session(HgfsOp.CLOSE, CloseRequest.class, (h, s, r) -> {
            close(s, r.handle());
            return reply(h, new LegacyReply(LegacyPrefix.REPLY));
        });
        session(HgfsOp.CLOSE_V3, CloseV3Request.class, (h, s, r) -> {
            close(s, r.handle());
            return reply(h, new CloseV3Reply(0));
        });
        session(HgfsOp.OPEN_V3, OpenV3Request.class, this::openV3);
        // the download hot path: data is read straight into the caller's buffer when there is one
        table[HgfsOp.READ_V3] = new Op<>(ReadV3Request.class, (h, caller, s, r) -> read(h, s, r), this::readInto, true);
        session(HgfsOp.WRITE_V3, WriteV3Request.class, this::write);
    }

    /** An op of an existing session. */
    private interface SessionHandler<M extends HgfsMessage> {
        byte[] answer(HgfsHeader h, Session s, M request) throws HgfsException, HgfsProtocolException;
    }

    /** An op's reply as a new packet; {@code s} is null when the op needs no session. */
    private interface Handler<M extends HgfsMessage> {
        byte[] answer(HgfsHeader h, Caller caller, Session s, M request) throws HgfsException, HgfsProtocolException;
    }

    /** An op's reply written into the caller's buffer at {@code offset}; returns its length. */
    private interface DirectHandler<M extends HgfsMessage> {
        int answer(HgfsHeader h, Session s, M request, byte[] out, int offset)
                throws HgfsException, HgfsProtocolException;
    }

    /**
     * One table entry: the request type the codec decodes the op to, its handler, an optional one
     * that replies into the caller's buffer (otherwise the reply is copied there), and whether the
     * request must name a session of its caller.
     */
    private record Op<M extends HgfsMessage>(
            Class<M> type, Handler<M> handler, DirectHandler<M> direct, boolean needsSession) {

        byte[] answer(HgfsPacket p, Caller caller, Session s) throws HgfsException, HgfsProtocolException {
            return handler.answer(p.header(), caller, s, type.cast(p.message()));
        }

        int answerInto(HgfsPacket p, Caller caller, Session s, byte[] out, int offset)
                throws HgfsException, HgfsProtocolException {
            if (direct != null) {
                return direct.answer(p.header(), s, type.cast(p.message()), out, offset);
            }
            byte[] reply = answer(p, caller, s);
            System.arraycopy(reply, 0, out, offset, reply.length);
            return reply.length;
        }
    }

    private <M extends HgfsMessage> void session(int op, Class<M> type, SessionHandler<M> handler) {
        table[op] = new Op<>(type, (h, caller, s, r) -> handler.answer(h, s, r), null, true);
    }

    private boolean supported(int op) {
        return op >= 0 && op < table.length && table[op] != null;
    }

    /** The op's entry; an unsupported op is refused before its session is looked up. */
    private Op<?> op(HgfsHeader h) throws HgfsException {
        if (!supported(h.op())) {
            throw new HgfsException(HgfsStatus.OPERATION_NOT_SUPPORTED, "op " + h.op());
        }
        return table[h.op()];
    }

    private Session session(Op<?> op, HgfsHeader h, Caller caller) throws HgfsException {
        return op.needsSession() ? sessions.get(h.sessionId(), caller) : null;
    }

    byte[] dispatch(HgfsPacket packet, Caller caller) throws HgfsException, HgfsProtocolException {
        Op<?> op = op(packet.header());
        return op.answer(packet, caller, session(op, packet.header(), caller));
    }

    /** Answers into a caller's buffer; ReadV3 data goes there directly, without an extra copy. */
    int dispatchInto(HgfsPacket packet, Caller caller, byte[] out, int offset)
            throws HgfsException, HgfsProtocolException {
        Op<?> op = op(packet.header());
        return op.answerInto(packet, caller, session(op, packet.header(), caller), out, offset);
    }

    private static byte[] reply(HgfsHeader request, HgfsMessage message) {
        return HgfsCodec.encode(new HgfsPacket(request.reply(HgfsStatus.SUCCESS), message));
    }

    private byte[] createSession(HgfsHeader h, CreateSessionRequest r, Caller caller) throws HgfsException {
        Session s = sessions.create(caller);
        long max = r.maxPacketSize() == 0 ? maxPacketSize : Math.min(r.maxPacketSize(), maxPacketSize);
        List<Capability> caps = new ArrayList<>(HgfsOp.MAX);
        for (int op = 0; op < HgfsOp.MAX; op++) {
            caps.add(new Capability(op, supported(op) ? Capability.SUPPORTED : Capability.NOT_SUPPORTED));
        }
        return reply(h, new CreateSessionReply(s.id, max, 0, CreateSessionReply.FLAG_MAXPACKETSIZE_VALID, 0, caps));
    }

    private Handle handle(Session s, long id) throws HgfsException {
        Handle handle = s.get(id);
        if (handle == null) {
            throw new HgfsException(HgfsStatus.INVALID_HANDLE, "unknown handle " + id);
        }
        return handle;
    }

    private byte[] getattr(HgfsHeader h, Session s, GetattrV2Request r) throws HgfsException, HgfsProtocolException {
        String name = (r.hints() & GetattrV2Request.HINT_USE_FILE_DESC) != 0
                ? handle(s, r.handle()).path.name()
                : r.name().toPath();
        FileAttributes a = resolver.apply(name, (handler, p) -> handler.stat(s.owner, p));
        CpName target = a.type() == FileType.SYMLINK && a.symlinkTarget() != null
                ? CpName.ofText(a.symlinkTarget())
                : CpName.EMPTY;
        return reply(h, new GetattrV2Reply(LegacyPrefix.REPLY, Attributes.toWire(a), target));
    }

    private byte[] setattr(HgfsHeader h, Session s, SetattrV2Request r) throws HgfsException, HgfsProtocolException {
        String name = (r.hints() & SetattrV2Request.HINT_USE_FILE_DESC) != 0
                ? handle(s, r.handle()).path.name()
                : r.name().toPath();
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

    private byte[] open(HgfsHeader h, Session s, OpenRequest r) throws HgfsException, HgfsProtocolException {
        if ((r.mode() & OPEN_MODE_MASK) != 0) {
            throw new HgfsException(HgfsStatus.ACCESS_DENIED, "Open supports read-only mode only");
        }
        Handle handle = openHandle(s, r.name().toPath(), OpenOptions.READ);
        return reply(h, new OpenReply(LegacyPrefix.REPLY, handle.id));
    }

    private byte[] openV3(HgfsHeader h, Session s, OpenV3Request r) throws HgfsException, HgfsProtocolException {
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
            options = new OpenOptions(OpenOptions.Access.WRITE, OpenOptions.Disposition.values()[flags], createMode(r));
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
        Handle handle =
                new Handle(nextHandle.getAndIncrement() & 0xFFFFFFFFL, opened.path(), options.access(), opened.file());
        if (!s.add(handle, maxHandles)) {
            handle.close();
            throw tooManyHandles(s);
        }
        return handle;
    }

    private HgfsException tooManyHandles(Session s) {
        return new HgfsException(
                HgfsStatus.GENERIC_ERROR,
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

    private int readInto(HgfsHeader h, Session s, ReadV3Request r, byte[] out, int offset) throws HgfsException {
        int n = readData(s, r, out, offset, readSize(r));
        return HgfsCodec.finishReadV3Reply(h.reply(HgfsStatus.SUCCESS), out, offset, n);
    }

    private int readSize(ReadV3Request r) {
        return (int) Math.min(r.requiredSize(), maxPacketSize - HgfsCodec.READ_V3_REPLY_OVERHEAD);
    }

    private int readData(Session s, ReadV3Request r, byte[] buf, int offset, int size) throws HgfsException {
        Handle handle = handle(s, r.handle());
        if (handle.access != OpenOptions.Access.READ) {
            throw new HgfsException(HgfsStatus.ACCESS_DENIED, "handle is open for writing");
        }
        if (r.offset() < 0) {
            throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "offset beyond 2^63");
        }
        return handle.read(
                r.offset(),
                ByteBuffer.wrap(buf, offset + HgfsCodec.READ_V3_REPLY_DATA_OFFSET, size)
                        .slice());
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
