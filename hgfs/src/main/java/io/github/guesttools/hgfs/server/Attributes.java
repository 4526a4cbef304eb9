package io.github.guesttools.hgfs.server;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.HgfsMessage.SetattrV2Request;
import io.github.guesttools.hgfs.codec.NtTime;
import io.github.guesttools.hgfs.spi.AttributeChanges;
import io.github.guesttools.hgfs.spi.FileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** Between the SPI's {@link FileAttributes} and the wire's {@link AttrV2}. */
final class Attributes {
    private static final long PERMS =
            AttrV2.VALID_SPECIAL_PERMS | AttrV2.VALID_OWNER_PERMS | AttrV2.VALID_GROUP_PERMS | AttrV2.VALID_OTHER_PERMS;

    private Attributes() {}

    /** What vmtoolsd reports on Linux: mask 0x2FBFF, NT times, lstat type. */
    static AttrV2 toWire(FileAttributes a) {
        int type = switch (a.type()) {
            case REGULAR -> AttrV2.TYPE_REGULAR;
            case DIRECTORY -> AttrV2.TYPE_DIRECTORY;
            case SYMLINK -> AttrV2.TYPE_SYMLINK;
        };
        long mask = AttrV2.LINUX_MASK;
        if (a.uid() < 0) {
            mask &= ~AttrV2.VALID_USERID;
        }
        if (a.gid() < 0) {
            mask &= ~AttrV2.VALID_GROUPID;
        }
        int mode = a.mode();
        return new AttrV2(
                mask,
                type,
                a.size(),
                NtTime.of(a.creationTime()),
                NtTime.of(a.accessTime()),
                NtTime.of(a.modifyTime()),
                NtTime.of(a.changeTime()),
                (mode >> 9) & 7,
                (mode >> 6) & 7,
                (mode >> 3) & 7,
                mode & 7,
                0,
                a.allocationSize(),
                Math.max(a.uid(), 0),
                Math.max(a.gid(), 0),
                a.fileId(),
                a.volumeId(),
                a.effectivePerms(),
                0);
    }

    /**
     * The changes a SetattrV2 asks for. Permission fields the mask leaves out keep their current
     * value (read lazily from {@code current}). A valid time is the client's when its hint is set,
     * else the server's current time, as open-vm-tools does.
     */
    static AttributeChanges changes(SetattrV2Request req, Supplier<Integer> currentMode, Instant now) {
        AttrV2 a = req.attr();
        OptionalInt mode = OptionalInt.empty();
        if ((a.mask() & PERMS) != 0) {
            int m = currentMode.get();
            m = a.has(AttrV2.VALID_SPECIAL_PERMS) ? (m & ~07000) | (a.specialPerms() & 7) << 9 : m;
            m = a.has(AttrV2.VALID_OWNER_PERMS) ? (m & ~0700) | (a.ownerPerms() & 7) << 6 : m;
            m = a.has(AttrV2.VALID_GROUP_PERMS) ? (m & ~070) | (a.groupPerms() & 7) << 3 : m;
            m = a.has(AttrV2.VALID_OTHER_PERMS) ? (m & ~07) | (a.otherPerms() & 7) : m;
            mode = OptionalInt.of(m);
        }
        OptionalLong uid = a.has(AttrV2.VALID_USERID) ? OptionalLong.of(a.userId()) : OptionalLong.empty();
        OptionalLong gid = a.has(AttrV2.VALID_GROUPID) ? OptionalLong.of(a.groupId()) : OptionalLong.empty();
        Optional<Instant> atime = a.has(AttrV2.VALID_ACCESS_TIME)
                ? Optional.of(
                        (req.hints() & SetattrV2Request.HINT_SET_ACCESS_TIME) != 0
                                ? NtTime.toInstant(a.accessTime())
                                : now)
                : Optional.empty();
        Optional<Instant> mtime = a.has(AttrV2.VALID_WRITE_TIME)
                ? Optional.of(
                        (req.hints() & SetattrV2Request.HINT_SET_WRITE_TIME) != 0
                                ? NtTime.toInstant(a.writeTime())
                                : now)
                : Optional.empty();
        OptionalLong size = a.has(AttrV2.VALID_SIZE) ? OptionalLong.of(a.size()) : OptionalLong.empty();
        return new AttributeChanges(mode, uid, gid, atime, mtime, size);
    }
}
