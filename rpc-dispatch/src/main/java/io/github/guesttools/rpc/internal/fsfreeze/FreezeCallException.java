package io.github.guesttools.rpc.internal.fsfreeze;

import java.io.IOException;

/** A failed freeze-related system call and its errno. */
public final class FreezeCallException extends IOException {
    private static final long serialVersionUID = 1L;

    /** errno: no such file. */
    public static final int ENOENT = 2;
    /** errno: I/O error. */
    public static final int EIO = 5;
    /** errno: no such device or address. */
    public static final int ENXIO = 6;
    /** errno: permission denied. */
    public static final int EACCES = 13;
    /** errno: busy (already frozen). */
    public static final int EBUSY = 16;
    /** errno: not a directory. */
    public static final int ENOTDIR = 20;
    /** errno: invalid argument (FITHAW of a file system that is not frozen). */
    public static final int EINVAL = 22;
    /** errno: inappropriate ioctl. */
    public static final int ENOTTY = 25;
    /** errno: too many symbolic links (O_NOFOLLOW on a link). */
    public static final int ELOOP = 40;
    /** errno: operation not supported (the file system cannot freeze). */
    public static final int EOPNOTSUPP = 95;

    private final int errno;

    public FreezeCallException(String call, int errno) {
        super(call + " failed: errno " + errno);
        this.errno = errno;
    }

    /** The errno. */
    public int errno() {
        return errno;
    }
}
