package io.github.guesttools.hgfs.spi;

import java.time.Instant;

/**
 * What a handler knows about a file (lstat semantics: a symlink is itself, with its target).
 *
 * @param type regular, directory or symlink
 * @param size bytes, or {@link #UNKNOWN_SIZE} for a stream whose length is not known
 * @param mode permission bits including setuid/setgid/sticky ({@code 07777} at most)
 * @param uid owner, or -1 when unknown
 * @param gid group, or -1 when unknown
 * @param accessTime last access
 * @param modifyTime last modification
 * @param changeTime last attribute change
 * @param creationTime creation (the modification time where the file system has none)
 * @param fileId inode number, 0 when unknown
 * @param volumeId device number, 0 when unknown
 * @param allocationSize bytes allocated on disk
 * @param effectivePerms the access the serving user has: read 4, write 2, execute 1
 * @param symlinkTarget the target of a symlink, {@code null} otherwise
 */
public record FileAttributes(
        FileType type,
        long size,
        int mode,
        long uid,
        long gid,
        Instant accessTime,
        Instant modifyTime,
        Instant changeTime,
        Instant creationTime,
        long fileId,
        long volumeId,
        long allocationSize,
        int effectivePerms,
        String symlinkTarget) {

    /** The size of a stream of unknown length (what an archive download reports). */
    public static final long UNKNOWN_SIZE = Long.MAX_VALUE;

    /**
     * A virtual regular file (a stream, a generated file) owned by nobody in particular.
     *
     * @param size the length, or {@link #UNKNOWN_SIZE}
     * @param mode permission bits, e.g. {@code 0600}
     * @param effectivePerms read 4 / write 2 for the serving user
     * @param time all four times
     */
    public static FileAttributes virtual(long size, int mode, int effectivePerms, Instant time) {
        return new FileAttributes(
                FileType.REGULAR,
                size,
                mode,
                -1,
                -1,
                time,
                time,
                time,
                time,
                0,
                0,
                size == UNKNOWN_SIZE ? 0 : size,
                effectivePerms,
                null);
    }

    /** The same attributes with another size (the {@code /proc} size trick). */
    public FileAttributes withSize(long newSize) {
        return new FileAttributes(
                type,
                newSize,
                mode,
                uid,
                gid,
                accessTime,
                modifyTime,
                changeTime,
                creationTime,
                fileId,
                volumeId,
                allocationSize,
                effectivePerms,
                symlinkTarget);
    }
}
