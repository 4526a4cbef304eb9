package io.github.guesttools.toolbox.vix;

/**
 * Op 183 SET_GUEST_FILE_ATTRIBUTES. Only the fields whose bit is set in {@code options} apply.
 *
 * @param options {@code SET_*} bits
 * @param accessTime Unix seconds
 * @param modificationTime Unix seconds
 * @param ownerId uid, -1 = keep
 * @param groupId gid, -1 = keep
 * @param permissions permission bits
 * @param hidden Windows hidden flag
 * @param readOnly Windows read-only flag
 * @param path the file
 */
public record SetFileAttributesRequest(
        int options,
        long accessTime,
        long modificationTime,
        int ownerId,
        int groupId,
        int permissions,
        boolean hidden,
        boolean readOnly,
        String path)
        implements VixRequest {
    public static final int SET_ACCESS_DATE = 0x01;
    public static final int SET_MODIFY_DATE = 0x02;
    public static final int SET_READONLY = 0x04;
    public static final int SET_HIDDEN = 0x08;
    public static final int SET_UNIX_OWNERID = 0x10;
    public static final int SET_UNIX_GROUPID = 0x20;
    public static final int SET_UNIX_PERMISSIONS = 0x40;

    /**
     * @param bit one of the {@code SET_*} bits
     * @return whether that bit is set
     */
    public boolean has(int bit) {
        return (options & bit) != 0;
    }
}
