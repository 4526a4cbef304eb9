package io.github.guesttools.rpc.internal.fsfreeze;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * {@code FIFREEZE}/{@code FITHAW} on a descriptor of a mount point ({@code docs/protocols/vmbackup.md}
 * §7.1). Linux on x86-64 and arm64, whose {@code _IOWR} encoding the numbers below use. Failures throw
 * {@link FreezeCallException} carrying the errno.
 */
public final class FreezeCalls {
    /** {@code _IOWR('X', 119, int)}. */
    static final long FIFREEZE = 0xC0045877L;
    /** {@code _IOWR('X', 120, int)}. */
    static final long FITHAW = 0xC0045878L;

    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CLOEXEC = 02000000;

    /** Loaded on first use, so that the state machine never needs libc in tests with a fake freezer. */
    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private FreezeCalls() {}

    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, long request, long arg) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int geteuid();
    }

    /** Opens a directory read-only, not following a final symbolic link; returns the descriptor. */
    public static int openDirectory(String path) throws FreezeCallException {
        try {
            return Holder.C.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new FreezeCallException("open " + path, e.getErrorCode());
        }
    }

    /** {@code ioctl(fd, FIFREEZE, 0)}. */
    public static void freeze(int fd) throws FreezeCallException {
        try {
            Holder.C.ioctl(fd, FIFREEZE, 0);
        } catch (LastErrorException e) {
            throw new FreezeCallException("FIFREEZE", e.getErrorCode());
        }
    }

    /** {@code ioctl(fd, FITHAW, 0)}. */
    public static void thaw(int fd) throws FreezeCallException {
        try {
            Holder.C.ioctl(fd, FITHAW, 0);
        } catch (LastErrorException e) {
            throw new FreezeCallException("FITHAW", e.getErrorCode());
        }
    }

    /** Closes a descriptor, ignoring errors (closing never thaws, so nothing depends on it). */
    public static void close(int fd) {
        try {
            Holder.C.close(fd);
        } catch (LastErrorException e) {
            // the descriptor is gone either way
        }
    }

    /** The effective user id. */
    public static int geteuid() {
        return Holder.C.geteuid();
    }
}
