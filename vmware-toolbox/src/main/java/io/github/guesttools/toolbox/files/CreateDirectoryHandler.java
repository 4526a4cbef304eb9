package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.CreateDirectoryRequest;
import io.github.guesttools.toolbox.vix.Errno;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Op 178: mode 0700, optionally with missing parents; an existing path gives 12. */
final class CreateDirectoryHandler implements VixOpHandler {
    static final FileAttribute<Set<PosixFilePermission>> MODE_0700 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    @Override
    public VixReply handle(VixCall call) throws VixException {
        CreateDirectoryRequest r = (CreateDirectoryRequest) call.request();
        Path path = UserFiles.path(r.path());
        return UserFiles.asUser(call, () -> {
            if (UserFiles.existsNoFollow(path)) {
                throw FileErrors.vix(VixError.FILE_ALREADY_EXISTS, Errno.EEXIST, path + " exists");
            }
            if (r.createParents()) {
                Files.createDirectories(path, MODE_0700);
            } else {
                Files.createDirectory(path, MODE_0700);
            }
            return VixReply.ok();
        });
    }
}
