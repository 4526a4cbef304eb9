package io.github.guesttools.hgfs.local;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.AttributeChanges;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.FileType;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.TransferPath;
import io.github.guesttools.identity.RegularFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The local file system through java.nio, with the {@code /proc} size trick: a procfs file that
 * stats with size 0 is reported as {@value #PROC_REPORTED_SIZE} bytes so that the client reads it.
 */
public final class LocalFileHandler implements FileHandler {
    /** The size reported for empty-looking {@code /proc} files (one large packet). */
    public static final long PROC_REPORTED_SIZE = 0xF800;

    private static final String UNIX_ATTRIBUTES =
            "unix:mode,uid,gid,ino,dev,size,ctime,lastAccessTime,lastModifiedTime,creationTime";

    @Override
    public FileAttributes stat(TransferPath path) throws HgfsException {
        Path p = Path.of(path.path());
        try {
            Map<String, Object> a = Files.readAttributes(p, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            FileType type = switch (mode & 0170000) {
                case 0040000 -> FileType.DIRECTORY;
                case 0120000 -> FileType.SYMLINK;
                default -> FileType.REGULAR;
            };
            long size = (Long) a.get("size");
            if (size == 0 && type == FileType.REGULAR && isProc(path.path())) {
                size = PROC_REPORTED_SIZE;
            }
            String target = type == FileType.SYMLINK ? Files.readSymbolicLink(p).toString() : null;
            return new FileAttributes(
                    type,
                    size,
                    mode & 07777,
                    Integer.toUnsignedLong((Integer) a.get("uid")),
                    Integer.toUnsignedLong((Integer) a.get("gid")),
                    time(a.get("lastAccessTime")),
                    time(a.get("lastModifiedTime")),
                    time(a.get("ctime")),
                    time(a.get("creationTime")),
                    (Long) a.get("ino"),
                    (Long) a.get("dev"),
                    // java.nio has no st_blocks; round up to the common 4 KiB block
                    (size + 4095) & ~4095L,
                    effectivePerms(p, type),
                    target);
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
    }

    private static boolean isProc(String path) {
        return path.startsWith("/proc/");
    }

    private static Instant time(Object fileTime) {
        return ((FileTime) fileTime).toInstant();
    }

    /** What the serving process may do, by access(2). */
    private static int effectivePerms(Path p, FileType type) {
        if (type == FileType.SYMLINK) {
            return 7; // permissions of a link itself are not checked by the kernel
        }
        return (Files.isReadable(p) ? 4 : 0) | (Files.isWritable(p) ? 2 : 0) | (Files.isExecutable(p) ? 1 : 0);
    }

    @Override
    public OpenFile open(TransferPath path, OpenOptions options) throws HgfsException {
        Path p = Path.of(path.path());
        if (Files.isDirectory(p)) {
            throw new HgfsException(HgfsStatus.ACCESS_DENIED, path.name() + " is a directory");
        }
        Set<OpenOption> opts = new HashSet<>();
        if (options.access() == OpenOptions.Access.READ) {
            opts.add(StandardOpenOption.READ);
        } else {
            opts.add(StandardOpenOption.WRITE);
            switch (options.disposition()) {
                case OPEN -> {}
                case OPEN_EMPTY -> opts.add(StandardOpenOption.TRUNCATE_EXISTING);
                case OPEN_CREATE -> opts.add(StandardOpenOption.CREATE);
                case CREATE_SAFE -> opts.add(StandardOpenOption.CREATE_NEW);
                case CREATE_EMPTY -> {
                    opts.add(StandardOpenOption.CREATE);
                    opts.add(StandardOpenOption.TRUNCATE_EXISTING);
                }
            }
        }
        try {
            // Regular files only, never waiting on a FIFO or device (it would hold a worker forever).
            FileChannel ch = options.createMode().isPresent() && options.access() == OpenOptions.Access.WRITE
                    ? RegularFiles.open(
                            p,
                            opts,
                            PosixFilePermissions.asFileAttribute(
                                    permissions(options.createMode().getAsInt())))
                    : RegularFiles.open(p, opts);
            return new LocalFile(ch);
        } catch (RegularFiles.NotRegularFileException e) {
            throw new HgfsException(HgfsStatus.ACCESS_DENIED, path.name() + " is not a regular file", e);
        } catch (IOException e) {
            throw HgfsException.of(e);
        }
    }

    @Override
    public void setAttributes(TransferPath path, AttributeChanges changes) throws HgfsException {
        Path p = Path.of(path.path());
        try {
            // the JDK's unix view sets owner, group and the full mode (setuid bits included)
            if (changes.uid().isPresent()) {
                Files.setAttribute(p, "unix:uid", (int) changes.uid().getAsLong());
            }
            if (changes.gid().isPresent()) {
                Files.setAttribute(p, "unix:gid", (int) changes.gid().getAsLong());
            }
            if (changes.mode().isPresent()) {
                Files.setAttribute(p, "unix:mode", changes.mode().getAsInt() & 07777);
            }
            if (changes.size().isPresent()) {
                resize(p, changes.size().getAsLong());
            }
            if (changes.accessTime().isPresent() || changes.modifyTime().isPresent()) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class)
                        .setTimes(
                                changes.modifyTime().map(FileTime::from).orElse(null),
                                changes.accessTime().map(FileTime::from).orElse(null),
                                null);
            }
        } catch (IOException e) {
            throw HgfsException.of(e);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new HgfsException(HgfsStatus.INVALID_PARAMETER, String.valueOf(e.getMessage()), e);
        }
    }

    private static void resize(Path p, long size) throws IOException {
        try (FileChannel ch = RegularFiles.open(p, Set.of(StandardOpenOption.WRITE))) {
            if (size < ch.size()) {
                ch.truncate(size);
            } else if (size > ch.size()) {
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
