package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.Errno;
import io.github.guesttools.toolbox.vix.MoveRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Ops 179 (file) and 180 (directory). File: a directory source gives 20001, a directory
 * destination or an existing one without overwrite 12. Directory: a non-directory source 20002,
 * a file destination 12.
 */
final class MoveHandler implements VixOpHandler {
    @Override
    public VixReply handle(VixCall call) throws VixException {
        MoveRequest r = (MoveRequest) call.request();
        Path from = UserFiles.path(r.oldPath());
        Path to = UserFiles.path(r.newPath());
        return UserFiles.asUser(call, () -> {
            if (!UserFiles.existsNoFollow(from)) {
                throw FileErrors.errno(Errno.ENOENT, from.toString());
            }
            boolean sourceIsDirectory = UserFiles.isDirectoryNoFollow(from);
            boolean targetExists = UserFiles.existsNoFollow(to);
            if (r.directory()) {
                if (!sourceIsDirectory) {
                    throw FileErrors.vix(VixError.NOT_A_DIRECTORY, Errno.ENOTDIR, from + " is not a directory");
                }
                if (targetExists && !UserFiles.isDirectoryNoFollow(to)) {
                    throw FileErrors.vix(VixError.FILE_ALREADY_EXISTS, Errno.EEXIST, to + " is a file");
                }
                Files.move(from, to);
            } else {
                if (sourceIsDirectory) {
                    throw FileErrors.vix(VixError.NOT_A_FILE, Errno.EISDIR, from + " is a directory");
                }
                if (targetExists && (UserFiles.isDirectoryNoFollow(to) || !r.overwrite())) {
                    throw FileErrors.vix(VixError.FILE_ALREADY_EXISTS, Errno.EEXIST, to + " exists");
                }
                CopyOption[] options =
                        r.overwrite() ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new CopyOption[0];
                Files.move(from, to, options);
            }
            return VixReply.ok();
        });
    }
}
