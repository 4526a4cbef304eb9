package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.vix.VixOp;
import java.nio.file.Path;

/**
 * The file guest operations (ops 177-183, 188, 189, 194, 195). Every one runs with the
 * authenticated user's rights through the dispatcher's {@code RunAs}.
 *
 * <pre>{@code
 * VixDispatcher vix = FileOperations.register(VixDispatcher.builder()).build();
 * }</pre>
 */
public final class FileOperations {
    private FileOperations() {}

    /**
     * Registers every file op with archive transfers on and {@code <java.io.tmpdir>/vmware-<user>}
     * as the default directory of CreateTemporaryFile/Directory.
     *
     * @param builder the dispatcher being built
     * @return the same builder
     */
    public static VixDispatcher.Builder register(VixDispatcher.Builder builder) {
        return register(builder, Path.of(System.getProperty("java.io.tmpdir", "/tmp")), true);
    }

    /**
     * @param builder the dispatcher being built
     * @param temporaryDirectory holds the per-user {@code vmware-<user>} directories, where temporary
     *                           files go when the request names no directory
     * @param archives whether directories and {@code /archive:} paths are archive transfers
     * @return the same builder
     */
    public static VixDispatcher.Builder register(
            VixDispatcher.Builder builder, Path temporaryDirectory, boolean archives) {
        return register(builder, temporaryDirectory, archives, VirtualFiles.NONE);
    }

    /**
     * @param builder the dispatcher being built
     * @param temporaryDirectory as for {@link #register(VixDispatcher.Builder, Path, boolean)}
     * @param archives whether directories and {@code /archive:} paths are archive transfers
     * @param virtualFiles files that exist only for transfers ({@code /proc/<pid>/stdout} ...)
     * @return the same builder
     */
    public static VixDispatcher.Builder register(
            VixDispatcher.Builder builder, Path temporaryDirectory, boolean archives, VirtualFiles virtualFiles) {
        CreateTemporaryHandler temporary = new CreateTemporaryHandler(temporaryDirectory);
        MoveHandler move = new MoveHandler();
        return builder.handle(VixOp.LIST_FILES, new ListFilesHandler())
                .handle(VixOp.CREATE_DIRECTORY_EX, new CreateDirectoryHandler())
                .handle(VixOp.MOVE_GUEST_FILE_EX, move)
                .handle(VixOp.MOVE_GUEST_DIRECTORY, move)
                .handle(VixOp.CREATE_TEMPORARY_FILE_EX, temporary)
                .handle(VixOp.CREATE_TEMPORARY_DIRECTORY, temporary)
                .handle(VixOp.SET_GUEST_FILE_ATTRIBUTES, new SetFileAttributesHandler())
                .handle(VixOp.INITIATE_FILE_TRANSFER_FROM_GUEST, new TransferFromGuestHandler(archives, virtualFiles))
                .handle(VixOp.INITIATE_FILE_TRANSFER_TO_GUEST, new TransferToGuestHandler(archives, virtualFiles))
                .handle(VixOp.DELETE_GUEST_FILE_EX, new DeleteFileHandler())
                .handle(VixOp.DELETE_GUEST_DIRECTORY_EX, new DeleteDirectoryHandler());
    }
}
