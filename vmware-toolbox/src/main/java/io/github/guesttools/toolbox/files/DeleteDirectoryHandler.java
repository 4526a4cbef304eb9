package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.DeleteDirectoryRequest;
import io.github.guesttools.toolbox.vix.Errno;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Op 195: a file or symlink gives 20002 NOT_A_DIRECTORY, a non-empty directory without the
 * recursive flag 20006. Recursion never follows symlinks.
 */
final class DeleteDirectoryHandler implements VixOpHandler {
    @Override
    public VixReply handle(VixCall call) throws VixException {
        DeleteDirectoryRequest r = (DeleteDirectoryRequest) call.request();
        Path path = UserFiles.path(r.path());
        return UserFiles.asUser(call, () -> {
            if (!UserFiles.existsNoFollow(path)) {
                throw FileErrors.errno(Errno.ENOENT, path.toString());
            }
            if (!UserFiles.isDirectoryNoFollow(path)) {
                throw FileErrors.vix(VixError.NOT_A_DIRECTORY, Errno.ENOTDIR, path + " is not a directory");
            }
            if (r.recursive()) {
                deleteTree(path);
            } else {
                Files.delete(path);
            }
            return VixReply.ok();
        });
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
