package io.github.guesttools.toolbox.files;

import io.github.guesttools.identity.internal.Posix;
import io.github.guesttools.toolbox.vix.Errno;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps Java I/O failures to VIX codes (and errno, sent as the additional error) so vSphere shows
 * FileNotFound, FileAlreadyExists or CannotAccessFile instead of "general system error".
 */
final class FileErrors {
    /**
     * The JDK turns errnos it has no exception type for into a plain FileSystemException whose
     * reason is {@code strerror(errno)}; this table recovers the errno from that text.
     */
    private static final Map<String, Integer> ERRNO_BY_MESSAGE = new LinkedHashMap<>();

    static {
        for (int errno : new int[] {
            Errno.EPERM,
            Errno.ENOENT,
            Errno.EIO,
            Errno.EAGAIN,
            Errno.ENOMEM,
            Errno.EACCES,
            Errno.EBUSY,
            Errno.EEXIST,
            Errno.ENODEV,
            Errno.ENOTDIR,
            Errno.EISDIR,
            Errno.EINVAL,
            Errno.ENFILE,
            Errno.EMFILE,
            Errno.EFBIG,
            Errno.ENOSPC,
            Errno.EROFS,
            Errno.EMLINK,
            Errno.ENAMETOOLONG,
            Errno.ENOTEMPTY,
            Errno.ELOOP,
            Errno.EMSGSIZE,
            Errno.ENOBUFS,
            Errno.ETIMEDOUT,
            18 /* EXDEV */
        }) {
            ERRNO_BY_MESSAGE.put(Posix.strerror(errno), errno);
        }
    }

    private FileErrors() {}

    static VixException map(IOException e) {
        int errno = errnoOf(e);
        int vix = errno > 0 ? VixError.fromErrno(errno) : VixError.FAIL;
        return new VixException(vix, Math.max(errno, 0), e.toString(), e);
    }

    static VixException errno(int errno, String what) {
        return new VixException(VixError.fromErrno(errno), errno, what + ": " + Posix.strerror(errno), null);
    }

    static VixException vix(int code, int errno, String why) {
        return new VixException(code, errno, why, null);
    }

    /** Exception types the JDK raises for one errno each. */
    private static final List<Map.Entry<Class<? extends IOException>, Integer>> ERRNO_BY_TYPE = List.of(
            Map.entry(NoSuchFileException.class, Errno.ENOENT),
            Map.entry(FileAlreadyExistsException.class, Errno.EEXIST),
            Map.entry(AccessDeniedException.class, Errno.EACCES),
            Map.entry(DirectoryNotEmptyException.class, Errno.ENOTEMPTY),
            Map.entry(NotDirectoryException.class, Errno.ENOTDIR),
            Map.entry(FileSystemLoopException.class, Errno.ELOOP));

    static int errnoOf(IOException e) {
        for (Map.Entry<Class<? extends IOException>, Integer> t : ERRNO_BY_TYPE) {
            if (t.getKey().isInstance(e)) {
                return t.getValue();
            }
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            for (Map.Entry<String, Integer> m : ERRNO_BY_MESSAGE.entrySet()) {
                if (fse.getReason().startsWith(m.getKey())) {
                    return m.getValue();
                }
            }
        }
        return -1;
    }
}
