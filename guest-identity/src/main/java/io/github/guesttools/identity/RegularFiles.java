package io.github.guesttools.identity;

import io.github.guesttools.identity.internal.Posix;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HashSet;
import java.util.Set;

/**
 * Opens regular files only, without ever waiting: a plain {@code open} of a FIFO waits for the
 * other end, and of some devices for the device, which would hold a shared worker forever. The
 * path is first opened with {@code O_PATH} (never waits, reads nothing), its type checked on that
 * fd, and only a regular file is then reopened through {@code /proc/thread-self/fd/<n>}, which is
 * the same inode whatever happens to the path meanwhile and is checked against the calling
 * thread's credentials.
 */
public final class RegularFiles {
    private RegularFiles() {}

    /**
     * {@link FileChannel#open} that refuses anything but a regular file (or creates one).
     *
     * @param path the file; a final symbolic link is followed unless {@link LinkOption#NOFOLLOW_LINKS}
     * @param options as for {@link FileChannel#open}
     * @param attributes for a file that is created
     * @return the channel
     * @throws NotRegularFileException the path is a FIFO, device, socket, directory (or a link with
     *     {@code NOFOLLOW_LINKS})
     * @throws IOException as {@link FileChannel#open}
     */
    public static FileChannel open(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        if (options.contains(StandardOpenOption.CREATE_NEW)) {
            // O_CREAT|O_EXCL never opens an existing file, whatever its type.
            return FileChannel.open(path, options, attributes);
        }
        Set<OpenOption> existing = new HashSet<>(options);
        existing.remove(StandardOpenOption.CREATE);
        existing.remove(LinkOption.NOFOLLOW_LINKS);
        if (options.contains(StandardOpenOption.CREATE)) {
            Set<OpenOption> create = new HashSet<>(existing);
            create.add(StandardOpenOption.CREATE_NEW);
            try {
                return FileChannel.open(path, create, attributes);
            } catch (FileAlreadyExistsException e) {
                // exists: open it below, as a regular file only
            }
        }
        boolean follow = !options.contains(LinkOption.NOFOLLOW_LINKS);
        int fd = Posix.open(path.toString(), Posix.O_PATH | Posix.O_CLOEXEC | (follow ? 0 : Posix.O_NOFOLLOW));
        if (fd < 0) {
            throw error(path, -fd);
        }
        try {
            int type = Posix.fileType(fd);
            if (type < 0) {
                throw error(path, -type);
            }
            if (type != Posix.S_IFREG) {
                throw new NotRegularFileException(path.toString());
            }
            return FileChannel.open(Path.of("/proc/thread-self/fd/" + fd), existing);
        } finally {
            Posix.close(fd);
        }
    }

    private static IOException error(Path path, int errno) {
        String file = path.toString();
        return switch (errno) {
            case 2 -> new NoSuchFileException(file);
            case 13, Posix.EPERM -> new AccessDeniedException(file);
            default -> new FileSystemException(file, null, Posix.strerror(errno));
        };
    }

    /** The path exists but is not a regular file, so it is not opened. */
    public static final class NotRegularFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        /** @param file the path */
        public NotRegularFileException(String file) {
            super(file, null, "not a regular file");
        }
    }
}
