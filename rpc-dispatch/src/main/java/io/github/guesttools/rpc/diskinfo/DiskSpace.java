package io.github.guesttools.rpc.diskinfo;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Capacity and free space of a mounted file system ({@code statvfs}).
 *
 * @param size {@code f_blocks × f_frsize}
 * @param available {@code f_bavail × f_frsize}: what unprivileged users may still write ({@code df}'s Avail)
 * @param free {@code f_bfree × f_frsize}: including the blocks reserved for root
 */
public record DiskSpace(long size, long available, long free) {

    /** Reads a file system's space. */
    @FunctionalInterface
    public interface Reader {
        /** The space of the file system mounted at {@code mountPoint}. */
        DiskSpace read(String mountPoint) throws IOException;
    }

    /**
     * The JDK's {@link FileStore} on Linux is {@code statvfs} with {@code f_frsize} (the JDK maps total,
     * usable and unallocated space onto {@code f_blocks}, {@code f_bavail} and {@code f_bfree}).
     */
    public static final Reader STATVFS = mountPoint -> {
        FileStore store = Files.getFileStore(Path.of(mountPoint));
        return new DiskSpace(store.getTotalSpace(), store.getUsableSpace(), store.getUnallocatedSpace());
    };
}
