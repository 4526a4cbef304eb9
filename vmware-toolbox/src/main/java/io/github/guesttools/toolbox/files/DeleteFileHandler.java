package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.DeleteFileRequest;
import io.github.guesttools.toolbox.vix.Errno;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.file.Files;
import java.nio.file.Path;

/** Op 194: deletes a file or symlink (a dangling one too); a directory gives 20001 NOT_A_FILE. */
final class DeleteFileHandler implements VixOpHandler {
    @Override
    public VixReply handle(VixCall call) throws VixException {
        Path path = UserFiles.path(((DeleteFileRequest) call.request()).path());
        return UserFiles.asUser(call, () -> {
            if (UserFiles.isDirectoryNoFollow(path)) {
                throw FileErrors.vix(VixError.NOT_A_FILE, Errno.EISDIR, path + " is a directory");
            }
            Files.delete(path);
            return VixReply.ok();
        });
    }
}
