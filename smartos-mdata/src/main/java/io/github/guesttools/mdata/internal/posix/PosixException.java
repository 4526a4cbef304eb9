package io.github.guesttools.mdata.internal.posix;

import java.io.IOException;

/** A failed system call, with its errno. */
public final class PosixException extends IOException {
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Resource temporarily unavailable. */
    public static final int EAGAIN = 11;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** Operation not permitted. */
    public static final int EPERM = 1;

    private final int errno;

    PosixException(String call, int errno) {
        super(call + ": " + LibC.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** The C errno value. */
    public int errno() {
        return errno;
    }
}
