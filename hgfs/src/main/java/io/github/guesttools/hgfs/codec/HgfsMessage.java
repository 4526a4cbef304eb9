package io.github.guesttools.hgfs.codec;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The payload of an HGFS packet (what follows the {@link HgfsHeader}), one small immutable record
 * per op and direction. Legacy ops (0..23) carry their {@link LegacyPrefix}. Data buffers are
 * read-only views.
 */
public sealed interface HgfsMessage {

    /** One entry of the capability table. */
    record Capability(int op, int flags) {
        public static final int NOT_SUPPORTED = 0;
        public static final int SUPPORTED = 0x1;
    }

    /** Op 41 request. The VMX sends no capabilities (and one zeroed slot, see the codec). */
    record CreateSessionRequest(long maxPacketSize, int flags, int reserved, List<Capability> capabilities)
            implements HgfsMessage {
        public CreateSessionRequest {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** Op 41 reply; the real session id is here, not in the header. */
    record CreateSessionReply(
            long sessionId,
            long maxPacketSize,
            long identityOffset,
            int flags,
            int reserved,
            List<Capability> capabilities)
            implements HgfsMessage {
        /** Session flag: {@code maxPacketSize} is valid. */
        public static final int FLAG_MAXPACKETSIZE_VALID = 0x1;

        public CreateSessionReply {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** Op 42, request and reply: one reserved u64. */
    record DestroySession(long reserved) implements HgfsMessage {}

    /** Op 15 request; {@code handle} is used only with the USE_FILE_DESC hint. */
    record GetattrV2Request(LegacyPrefix prefix, long hints, long handle, CpName name) implements HgfsMessage {
        public static final long HINT_USE_FILE_DESC = 4;
    }

    /** Op 15 reply. */
    record GetattrV2Reply(LegacyPrefix prefix, AttrV2 attr, CpName symlinkTarget) implements HgfsMessage {}

    /** Op 16 request. */
    record SetattrV2Request(LegacyPrefix prefix, long hints, AttrV2 attr, long handle, CpName name)
            implements HgfsMessage {
        public static final long HINT_SET_ACCESS_TIME = 1;
        public static final long HINT_SET_WRITE_TIME = 2;
        public static final long HINT_USE_FILE_DESC = 4;
    }

    /** The reply of ops 3 (Close) and 16 (SetattrV2): only the legacy prefix. */
    record LegacyReply(LegacyPrefix prefix) implements HgfsMessage {}

    /** Op 0 request. */
    record OpenRequest(LegacyPrefix prefix, int mode, int flags, int permissions, CpName name) implements HgfsMessage {}

    /** Op 0 reply. */
    record OpenReply(LegacyPrefix prefix, long handle) implements HgfsMessage {}

    /** Op 3 request. */
    record CloseRequest(LegacyPrefix prefix, long handle) implements HgfsMessage {}

    /** {@code HgfsFileNameV3}: a name, or (flag USE_FILE_DESC) an open handle. */
    record FileNameV3(int flags, int caseType, long fid, CpName name) {
        public static final int FLAG_USE_FILE_DESC = 1;
    }

    /** Op 24 request; {@code mask} says which fields are valid. */
    record OpenV3Request(
            long mask,
            int mode,
            int flags,
            int specialPerms,
            int ownerPerms,
            int groupPerms,
            int otherPerms,
            long attr,
            long allocationSize,
            int desiredAccess,
            int shareAccess,
            int desiredLock,
            long reserved1,
            long reserved2,
            FileNameV3 name)
            implements HgfsMessage {
        public static final long VALID_MODE = 0x1;
        public static final long VALID_FLAGS = 0x2;
        public static final long VALID_SPECIAL_PERMS = 0x4;
        public static final long VALID_OWNER_PERMS = 0x8;
        public static final long VALID_GROUP_PERMS = 0x10;
        public static final long VALID_OTHER_PERMS = 0x20;
    }

    /** Op 24 reply. */
    record OpenV3Reply(long handle, int acquiredLock, int flags, int reserved) implements HgfsMessage {}

    /** Op 25 request. */
    record ReadV3Request(long handle, long offset, long requiredSize, long reserved) implements HgfsMessage {}

    /** Op 25 reply; {@code actualSize} is the data length. */
    record ReadV3Reply(long reserved, ByteBuffer data) implements HgfsMessage {
        public ReadV3Reply {
            data = data.slice().asReadOnlyBuffer();
        }

        @Override
        public ByteBuffer data() {
            return data.duplicate();
        }
    }

    /** Op 26 request; {@code data} holds at most {@code requiredSize} bytes. */
    record WriteV3Request(long handle, int flags, long offset, long requiredSize, long reserved, ByteBuffer data)
            implements HgfsMessage {
        public static final int FLAG_APPEND = 1;

        public WriteV3Request {
            data = data.slice().asReadOnlyBuffer();
        }

        @Override
        public ByteBuffer data() {
            return data.duplicate();
        }
    }

    /** Op 26 reply. */
    record WriteV3Reply(long actualSize, long reserved) implements HgfsMessage {}

    /** Op 27 request. */
    record CloseV3Request(long handle, long reserved) implements HgfsMessage {}

    /** Op 27 reply. */
    record CloseV3Reply(long reserved) implements HgfsMessage {}

    /** An error reply, or a payload of an op this codec does not decode: the raw bytes. */
    record Raw(ByteBuffer bytes) implements HgfsMessage {
        public static final Raw EMPTY = new Raw(ByteBuffer.allocate(0));

        public Raw {
            bytes = bytes.slice().asReadOnlyBuffer();
        }

        @Override
        public ByteBuffer bytes() {
            return bytes.duplicate();
        }
    }
}
