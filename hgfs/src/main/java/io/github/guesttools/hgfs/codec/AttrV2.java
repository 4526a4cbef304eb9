package io.github.guesttools.hgfs.codec;

/**
 * {@code HgfsAttrV2}, 104 bytes. Times are NT ticks (100 ns since 1601-01-01 UTC), see {@link
 * NtTime}. Permission bytes are rwx triplets (read 4, write 2, exec 1).
 */
public record AttrV2(
        long mask,
        int type,
        long size,
        long creationTime,
        long accessTime,
        long writeTime,
        long attrChangeTime,
        int specialPerms,
        int ownerPerms,
        int groupPerms,
        int otherPerms,
        long flags,
        long allocationSize,
        long userId,
        long groupId,
        long hostFileId,
        long volumeId,
        int effectivePerms,
        long reserved2) {

    /** Encoded size. */
    public static final int SIZE = 104;

    public static final int TYPE_REGULAR = 0;
    public static final int TYPE_DIRECTORY = 1;
    public static final int TYPE_SYMLINK = 2;

    public static final long VALID_TYPE = 0x1;
    public static final long VALID_SIZE = 0x2;
    public static final long VALID_CREATE_TIME = 0x4;
    public static final long VALID_ACCESS_TIME = 0x8;
    public static final long VALID_WRITE_TIME = 0x10;
    public static final long VALID_CHANGE_TIME = 0x20;
    public static final long VALID_SPECIAL_PERMS = 0x40;
    public static final long VALID_OWNER_PERMS = 0x80;
    public static final long VALID_GROUP_PERMS = 0x100;
    public static final long VALID_OTHER_PERMS = 0x200;
    public static final long VALID_FLAGS = 0x400;
    public static final long VALID_ALLOCATION_SIZE = 0x800;
    public static final long VALID_USERID = 0x1000;
    public static final long VALID_GROUPID = 0x2000;
    public static final long VALID_FILEID = 0x4000;
    public static final long VALID_VOLID = 0x8000;
    public static final long VALID_EFFECTIVE_PERMS = 0x20000;

    /** The mask vmtoolsd reports on Linux. */
    public static final long LINUX_MASK = 0x2FBFF;

    /** Everything zero (the "no change" attribute of a SetattrV2 with mask 0). */
    public static final AttrV2 EMPTY = new AttrV2(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Whether every bit of {@code bits} is set in the mask. */
    public boolean has(long bits) {
        return (mask & bits) == bits;
    }

    static AttrV2 read(PacketReader r) throws HgfsProtocolException {
        return new AttrV2(
                r.u64("attr.mask"),
                r.u32("attr.type"),
                r.u64("attr.size"),
                r.u64("attr.creationTime"),
                r.u64("attr.accessTime"),
                r.u64("attr.writeTime"),
                r.u64("attr.attrChangeTime"),
                r.u8("attr.specialPerms"),
                r.u8("attr.ownerPerms"),
                r.u8("attr.groupPerms"),
                r.u8("attr.otherPerms"),
                r.u64("attr.flags"),
                r.u64("attr.allocationSize"),
                Integer.toUnsignedLong(r.u32("attr.userId")),
                Integer.toUnsignedLong(r.u32("attr.groupId")),
                r.u64("attr.hostFileId"),
                Integer.toUnsignedLong(r.u32("attr.volumeId")),
                r.u32("attr.effectivePerms"),
                r.u64("attr.reserved2"));
    }

    void write(PacketWriter w) {
        w.u64(mask)
                .u32(type)
                .u64(size)
                .u64(creationTime)
                .u64(accessTime)
                .u64(writeTime)
                .u64(attrChangeTime)
                .u8(specialPerms)
                .u8(ownerPerms)
                .u8(groupPerms)
                .u8(otherPerms)
                .u64(flags)
                .u64(allocationSize)
                .u32((int) userId)
                .u32((int) groupId)
                .u64(hostFileId)
                .u32((int) volumeId)
                .u32(effectivePerms)
                .u64(reserved2);
    }
}
