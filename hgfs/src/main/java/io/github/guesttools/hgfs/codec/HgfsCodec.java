package io.github.guesttools.hgfs.codec;

import io.github.guesttools.hgfs.codec.HgfsMessage.Capability;
import io.github.guesttools.hgfs.codec.HgfsMessage.CloseRequest;
import io.github.guesttools.hgfs.codec.HgfsMessage.CloseV3Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.CloseV3Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.CreateSessionReply;
import io.github.guesttools.hgfs.codec.HgfsMessage.CreateSessionRequest;
import io.github.guesttools.hgfs.codec.HgfsMessage.DestroySession;
import io.github.guesttools.hgfs.codec.HgfsMessage.FileNameV3;
import io.github.guesttools.hgfs.codec.HgfsMessage.GetattrV2Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.GetattrV2Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.LegacyReply;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenReply;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenRequest;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenV3Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.OpenV3Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.Raw;
import io.github.guesttools.hgfs.codec.HgfsMessage.ReadV3Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.ReadV3Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.SetattrV2Request;
import io.github.guesttools.hgfs.codec.HgfsMessage.WriteV3Reply;
import io.github.guesttools.hgfs.codec.HgfsMessage.WriteV3Request;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to {@link HgfsPacket} and back, for V4-header packets. Decoding checks every length against
 * the bytes present and throws {@link HgfsProtocolException}, never a runtime exception; it accepts
 * the trailing byte that C's {@code name[1]} members add (docs/protocols/hgfs.md §2.3). Encoding follows the C structs'
 * {@code sizeof} as vmtoolsd does: a NUL after every name and after ReadV3 reply data, and one
 * zeroed capability slot for an empty capability table.
 */
public final class HgfsCodec {
    /** Where the data of a ReadV3 reply starts: header, actualSize, reserved. */
    public static final int READ_V3_REPLY_DATA_OFFSET = HgfsHeader.SIZE + 12;

    /** Bytes a ReadV3 reply needs beyond its data: header, fields, the trailing {@code payload[1]}. */
    public static final int READ_V3_REPLY_OVERHEAD = READ_V3_REPLY_DATA_OFFSET + 1;

    private HgfsCodec() {}

    /**
     * Decodes the header alone, so a server can answer a packet whose payload is malformed.
     *
     * @throws HgfsProtocolException if the packet is not a complete V4 header with sane sizes
     */
    public static HgfsHeader decodeHeader(byte[] packet) throws HgfsProtocolException {
        checkFraming(packet);
        PacketReader r = new PacketReader(packet, 0, HgfsHeader.SIZE);
        int version = r.u8("version");
        int reserved1 = r.u8("reserved1") | r.u8("reserved1") << 8 | r.u8("reserved1") << 16;
        r.u32("dummy");
        r.u32("packetSize");
        r.u32("headerSize");
        long requestId = Integer.toUnsignedLong(r.u32("requestId"));
        int op = r.u32("op");
        int status = r.u32("status");
        int flags = r.u32("flags");
        int information = r.u32("information");
        long sessionId = r.u64("sessionId");
        long reserved = r.u64("reserved");
        return new HgfsHeader(version, reserved1, requestId, op, status, flags, information, sessionId, reserved);
    }

    /** The end of the packet ({@code packetSize}), after checking the framing. */
    private static int checkFraming(byte[] packet) throws HgfsProtocolException {
        int dummy = packet.length >= 8 ? LittleEndian.getInt(packet, 4) : HgfsOp.NEW_HEADER;
        if (dummy != HgfsOp.NEW_HEADER) {
            throw new HgfsProtocolException(
                    HgfsStatus.OPERATION_NOT_SUPPORTED, "legacy header (op " + dummy + ") not supported");
        }
        if (packet.length < HgfsHeader.SIZE) {
            throw new HgfsProtocolException("packet of " + packet.length + " bytes has no V4 header");
        }
        long packetSize = Integer.toUnsignedLong(LittleEndian.getInt(packet, 8));
        long headerSize = Integer.toUnsignedLong(LittleEndian.getInt(packet, 12));
        if (headerSize < HgfsHeader.SIZE || headerSize > packetSize || packetSize > packet.length) {
            throw new HgfsProtocolException("inconsistent sizes: headerSize " + headerSize + ", packetSize "
                    + packetSize + ", " + packet.length + " bytes present");
        }
        return (int) packetSize;
    }

    private static PacketReader payload(byte[] packet) throws HgfsProtocolException {
        int end = checkFraming(packet);
        return new PacketReader(packet, LittleEndian.getInt(packet, 12), end);
    }

    /** Decodes a request packet. Ops without a decoder give a {@link Raw} payload. */
    public static HgfsPacket decodeRequest(byte[] packet) throws HgfsProtocolException {
        HgfsHeader h = decodeHeader(packet);
        PacketReader r = payload(packet);
        HgfsMessage m = switch (h.op()) {
            case HgfsOp.CREATE_SESSION_V4 -> {
                int n = r.u32("numCapabilities");
                long max = Integer.toUnsignedLong(r.u32("maxPacketSize"));
                int flags = r.u32("flags");
                int reserved = r.u32("reserved");
                yield new CreateSessionRequest(max, flags, reserved, capabilities(r, n));
            }
            case HgfsOp.DESTROY_SESSION_V4 -> new DestroySession(r.u64("reserved"));
            case HgfsOp.GETATTR_V2 -> new GetattrV2Request(prefix(r), r.u64("hints"), handle(r), name(r));
            case HgfsOp.SETATTR_V2 ->
                new SetattrV2Request(prefix(r), r.u64("hints"), AttrV2.read(r), handle(r), name(r));
            case HgfsOp.OPEN -> new OpenRequest(prefix(r), r.u32("mode"), r.u32("flags"), r.u8("permissions"), name(r));
            case HgfsOp.CLOSE -> new CloseRequest(prefix(r), handle(r));
            case HgfsOp.OPEN_V3 ->
                new OpenV3Request(
                        r.u64("mask"),
                        r.u32("mode"),
                        r.u32("flags"),
                        r.u8("specialPerms"),
                        r.u8("ownerPerms"),
                        r.u8("groupPerms"),
                        r.u8("otherPerms"),
                        r.u64("attr"),
                        r.u64("allocationSize"),
                        r.u32("desiredAccess"),
                        r.u32("shareAccess"),
                        r.u32("desiredLock"),
                        r.u64("reserved1"),
                        r.u64("reserved2"),
                        nameV3(r));
            case HgfsOp.READ_V3 ->
                new ReadV3Request(
                        handle(r), r.u64("offset"), Integer.toUnsignedLong(r.u32("requiredSize")), r.u64("reserved"));
            case HgfsOp.WRITE_V3 -> {
                long handle = handle(r);
                int flags = r.u8("flags");
                long offset = r.u64("offset");
                long required = Integer.toUnsignedLong(r.u32("requiredSize"));
                long reserved = r.u64("reserved");
                int n = (int) Math.min(required, r.remaining());
                yield new WriteV3Request(handle, flags, offset, required, reserved, slice(packet, r, n));
            }
            case HgfsOp.CLOSE_V3 -> new CloseV3Request(handle(r), r.u64("reserved"));
            default -> new Raw(slice(packet, r, r.remaining()));
        };
        return new HgfsPacket(h, m);
    }

    /** Decodes a reply packet; a reply with a non-zero status gives a {@link Raw} payload. */
    public static HgfsPacket decodeReply(byte[] packet) throws HgfsProtocolException {
        HgfsHeader h = decodeHeader(packet);
        PacketReader r = payload(packet);
        if (h.status() != 0) {
            return new HgfsPacket(h, new Raw(slice(packet, r, r.remaining())));
        }
        HgfsMessage m = switch (h.op()) {
            case HgfsOp.CREATE_SESSION_V4 -> {
                long sessionId = r.u64("sessionId");
                int n = r.u32("numCapabilities");
                long max = Integer.toUnsignedLong(r.u32("maxPacketSize"));
                long identityOffset = Integer.toUnsignedLong(r.u32("identityOffset"));
                int flags = r.u32("flags");
                int reserved = r.u32("reserved");
                yield new CreateSessionReply(sessionId, max, identityOffset, flags, reserved, capabilities(r, n));
            }
            case HgfsOp.DESTROY_SESSION_V4 -> new DestroySession(r.u64("reserved"));
            case HgfsOp.GETATTR_V2 -> new GetattrV2Reply(prefix(r), AttrV2.read(r), name(r));
            case HgfsOp.SETATTR_V2, HgfsOp.CLOSE -> new LegacyReply(prefix(r));
            case HgfsOp.OPEN -> new OpenReply(prefix(r), handle(r));
            case HgfsOp.OPEN_V3 -> new OpenV3Reply(handle(r), r.u32("acquiredLock"), r.u32("flags"), r.u32("reserved"));
            case HgfsOp.READ_V3 -> {
                long actual = Integer.toUnsignedLong(r.u32("actualSize"));
                long reserved = r.u64("reserved");
                if (actual > r.remaining()) {
                    throw new HgfsProtocolException("actualSize " + actual + " exceeds the packet");
                }
                yield new ReadV3Reply(reserved, slice(packet, r, (int) actual));
            }
            case HgfsOp.WRITE_V3 -> new WriteV3Reply(Integer.toUnsignedLong(r.u32("actualSize")), r.u64("reserved"));
            case HgfsOp.CLOSE_V3 -> new CloseV3Reply(r.u64("reserved"));
            default -> new Raw(slice(packet, r, r.remaining()));
        };
        return new HgfsPacket(h, m);
    }

    private static ByteBuffer slice(byte[] packet, PacketReader r, int n) throws HgfsProtocolException {
        int start = r.position();
        r.bytesSkip(n, "data");
        return ByteBuffer.wrap(packet, start, n);
    }

    private static List<Capability> capabilities(PacketReader r, int n) throws HgfsProtocolException {
        if (Integer.toUnsignedLong(n) > r.remaining() / 8) {
            throw new HgfsProtocolException("numCapabilities " + Integer.toUnsignedString(n) + " exceeds the packet");
        }
        List<Capability> caps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            caps.add(new Capability(r.u32("capability.op"), r.u32("capability.flags")));
        }
        return caps;
    }

    private static LegacyPrefix prefix(PacketReader r) throws HgfsProtocolException {
        return new LegacyPrefix(Integer.toUnsignedLong(r.u32("legacy.id")), r.u32("legacy.op"));
    }

    private static long handle(PacketReader r) throws HgfsProtocolException {
        return Integer.toUnsignedLong(r.u32("handle"));
    }

    private static CpName name(PacketReader r) throws HgfsProtocolException {
        int length = r.u32("name.length");
        return CpName.wrap(r.bytes(length, "name"));
    }

    private static FileNameV3 nameV3(PacketReader r) throws HgfsProtocolException {
        int length = r.u32("name.length");
        int flags = r.u32("name.flags");
        int caseType = r.u32("name.caseType");
        long fid = Integer.toUnsignedLong(r.u32("name.fid"));
        return new FileNameV3(flags, caseType, fid, CpName.wrap(r.bytes(length, "name")));
    }

    /** Encodes a packet; {@code packetSize} and {@code headerSize} are computed. */
    public static byte[] encode(HgfsPacket packet) {
        HgfsHeader h = packet.header();
        PacketWriter w = new PacketWriter(256);
        writeHeader(w, h);
        writeMessage(w, packet.message());
        w.putInt(8, w.position());
        return w.toByteArray();
    }

    private static void writeHeader(PacketWriter w, HgfsHeader h) {
        w.u8(h.version())
                .u8(h.reserved1())
                .u8(h.reserved1() >>> 8)
                .u8(h.reserved1() >>> 16)
                .u32(HgfsOp.NEW_HEADER)
                .u32(0)
                .u32(HgfsHeader.SIZE)
                .u32((int) h.requestId())
                .u32(h.op())
                .u32(h.status())
                .u32(h.flags())
                .u32(h.information())
                .u64(h.sessionId())
                .u64(h.reserved());
    }

    /**
     * Completes a ReadV3 reply in place: {@code buffer} (at least {@link #READ_V3_REPLY_OVERHEAD}
     * bytes longer than the data) already holds {@code dataLength} bytes at {@link
     * #READ_V3_REPLY_DATA_OFFSET}; this writes the header and the reply fields in front and the
     * trailing byte after. Lets the server read file data straight into the reply.
     *
     * @return {@code buffer}, or a shorter copy when the data did not fill it
     */
    public static byte[] finishReadV3Reply(HgfsHeader replyHeader, byte[] buffer, int dataLength) {
        int size = READ_V3_REPLY_OVERHEAD + dataLength;
        byte[] out = size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size);
        finishReadV3Reply(replyHeader, out, 0, dataLength);
        return out;
    }

    /**
     * As {@link #finishReadV3Reply(HgfsHeader, byte[], int)}, for a reply that starts at {@code
     * offset} of a caller's buffer (the data at {@code offset + READ_V3_REPLY_DATA_OFFSET}).
     *
     * @return the length of the reply packet
     */
    public static int finishReadV3Reply(HgfsHeader replyHeader, byte[] buffer, int offset, int dataLength) {
        int size = READ_V3_REPLY_OVERHEAD + dataLength;
        PacketWriter w = new PacketWriter(READ_V3_REPLY_DATA_OFFSET);
        writeHeader(w, replyHeader);
        w.u32(dataLength).u64(0);
        System.arraycopy(w.toByteArray(), 0, buffer, offset, READ_V3_REPLY_DATA_OFFSET);
        LittleEndian.putInt(buffer, offset + 8, size);
        buffer[offset + size - 1] = 0;
        return size;
    }

    private static void writeMessage(PacketWriter w, HgfsMessage message) {
        if (message instanceof CreateSessionRequest m) {
            w.u32(m.capabilities().size())
                    .u32((int) m.maxPacketSize())
                    .u32(m.flags())
                    .u32(m.reserved());
            writeCapabilities(w, m.capabilities());
        } else if (message instanceof CreateSessionReply m) {
            w.u64(m.sessionId())
                    .u32(m.capabilities().size())
                    .u32((int) m.maxPacketSize())
                    .u32((int) m.identityOffset())
                    .u32(m.flags())
                    .u32(m.reserved());
            writeCapabilities(w, m.capabilities());
        } else if (message instanceof DestroySession m) {
            w.u64(m.reserved());
        } else if (message instanceof GetattrV2Request m) {
            writePrefix(w, m.prefix());
            w.u64(m.hints()).u32((int) m.handle());
            writeName(w, m.name());
        } else if (message instanceof HgfsMessage.GetattrV2Reply m) {
            writePrefix(w, m.prefix());
            m.attr().write(w);
            writeName(w, m.symlinkTarget());
        } else if (message instanceof SetattrV2Request m) {
            writePrefix(w, m.prefix());
            w.u64(m.hints());
            m.attr().write(w);
            w.u32((int) m.handle());
            writeName(w, m.name());
        } else if (message instanceof LegacyReply m) {
            writePrefix(w, m.prefix());
        } else if (message instanceof OpenRequest m) {
            writePrefix(w, m.prefix());
            w.u32(m.mode()).u32(m.flags()).u8(m.permissions());
            writeName(w, m.name());
        } else if (message instanceof OpenReply m) {
            writePrefix(w, m.prefix());
            w.u32((int) m.handle());
        } else if (message instanceof CloseRequest m) {
            writePrefix(w, m.prefix());
            w.u32((int) m.handle());
        } else if (message instanceof OpenV3Request m) {
            w.u64(m.mask())
                    .u32(m.mode())
                    .u32(m.flags())
                    .u8(m.specialPerms())
                    .u8(m.ownerPerms())
                    .u8(m.groupPerms())
                    .u8(m.otherPerms())
                    .u64(m.attr())
                    .u64(m.allocationSize())
                    .u32(m.desiredAccess())
                    .u32(m.shareAccess())
                    .u32(m.desiredLock())
                    .u64(m.reserved1())
                    .u64(m.reserved2());
            FileNameV3 n = m.name();
            w.u32(n.name().length()).u32(n.flags()).u32(n.caseType()).u32((int) n.fid());
            writeNameBytes(w, n.name());
        } else if (message instanceof OpenV3Reply m) {
            w.u32((int) m.handle()).u32(m.acquiredLock()).u32(m.flags()).u32(m.reserved());
        } else if (message instanceof ReadV3Request m) {
            w.u32((int) m.handle()).u64(m.offset()).u32((int) m.requiredSize()).u64(m.reserved());
        } else if (message instanceof ReadV3Reply m) {
            ByteBuffer d = m.data();
            w.u32(d.remaining()).u64(m.reserved());
            writeBuffer(w, d);
            w.u8(0); // payload[1], as vmtoolsd sends it
        } else if (message instanceof WriteV3Request m) {
            w.u32((int) m.handle())
                    .u8(m.flags())
                    .u64(m.offset())
                    .u32((int) m.requiredSize())
                    .u64(m.reserved());
            writeBuffer(w, m.data());
        } else if (message instanceof WriteV3Reply m) {
            w.u32((int) m.actualSize()).u64(m.reserved());
        } else if (message instanceof CloseV3Request m) {
            w.u32((int) m.handle()).u64(m.reserved());
        } else if (message instanceof CloseV3Reply m) {
            w.u64(m.reserved());
        } else if (message instanceof Raw m) {
            writeBuffer(w, m.bytes());
        }
    }

    private static void writeBuffer(PacketWriter w, ByteBuffer b) {
        if (b.hasArray()) {
            w.bytes(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            w.bytes(copy);
        }
    }

    private static void writeCapabilities(PacketWriter w, List<Capability> caps) {
        for (Capability c : caps) {
            w.u32(c.op()).u32(c.flags());
        }
        if (caps.isEmpty()) {
            w.u64(0); // the C struct's capabilities[1] slot, counted by sizeof
        }
    }

    private static void writePrefix(PacketWriter w, LegacyPrefix p) {
        w.u32((int) p.id()).u32(p.opOrStatus());
    }

    private static void writeName(PacketWriter w, CpName name) {
        w.u32(name.length());
        writeNameBytes(w, name);
    }

    private static void writeNameBytes(PacketWriter w, CpName name) {
        w.bytes(name.raw()).u8(0); // the C struct's name[1], counted by sizeof as vmtoolsd does
    }
}
