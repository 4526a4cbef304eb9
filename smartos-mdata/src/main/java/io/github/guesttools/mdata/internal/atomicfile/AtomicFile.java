package io.github.guesttools.mdata.internal.atomicfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file through a temporary file in the same directory: write, fsync, set mode and owner,
 * rename over the target, fsync the directory.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Replaces {@code target}, keeping the mode of an existing file (0644 for a new one). */
    public static void write(Path target, byte[] data) throws IOException {
        Set<PosixFilePermission> mode = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        write(target, data, mode, -1, -1);
    }

    /**
     * Replaces {@code target} with {@code data}, mode {@code mode}, and owner {@code uid}:{@code gid}
     * (negative: leave the owner as created). The mode and owner are set before the rename, so the
     * file is never visible with looser permissions.
     */
    public static void write(Path target, byte[] data, Set<PosixFilePermission> mode, int uid, int gid)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, mode);
            if (uid >= 0) {
                Files.setAttribute(tmp, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(tmp, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically", e);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
