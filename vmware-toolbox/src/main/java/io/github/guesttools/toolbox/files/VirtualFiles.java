package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.vix.VixException;
import java.util.Optional;

/**
 * Files that exist only for transfers, such as a started program's {@code /proc/<pid>/stdout}:
 * InitiateFileTransferFromGuest/ToGuest ask here before looking at the real file system.
 */
@FunctionalInterface
public interface VirtualFiles {
    /** No virtual files. */
    VirtualFiles NONE = (call, path) -> Optional.empty();

    /**
     * @param call the authenticated call (its user decides what is visible)
     * @param path the requested guest path
     * @return the file, or empty when {@code path} is an ordinary path
     * @throws VixException when the file is virtual but not available (e.g. 13 while still running)
     */
    Optional<VirtualFile> stat(VixCall call, String path) throws VixException;

    /**
     * One virtual file.
     *
     * @param size its size in bytes
     * @param mode its permission bits (e.g. 0400)
     * @param mtime modification time, seconds since the epoch
     */
    record VirtualFile(long size, int mode, long mtime) {}
}
