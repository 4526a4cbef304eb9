package io.github.guesttools.toolbox.files;

import io.github.guesttools.identity.internal.Posix;
import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.Errno;
import io.github.guesttools.toolbox.vix.TransferToGuestRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Op 189 InitiateFileTransferToGuest: only validates, with the user's rights; the upload itself
 * arrives over HGFS. An existing target without overwrite gives 12, a symlink 3, a missing parent
 * 22, no write access 13. A directory (or an {@code /archive:} path) is an archive upload, which
 * like any existing target needs overwrite; with archives off a directory gives 20001.
 */
final class TransferToGuestHandler implements VixOpHandler {
    private final boolean archives;
    private final VirtualFiles virtualFiles;

    TransferToGuestHandler(boolean archives, VirtualFiles virtualFiles) {
        this.archives = archives;
        this.virtualFiles = virtualFiles;
    }

    @Override
    public VixReply handle(VixCall call) throws VixException {
        TransferToGuestRequest r = (TransferToGuestRequest) call.request();
        if (virtualFiles.stat(call, r.path()).isPresent()) {
            return VixReply.ok();
        }
        TransferPath t = TransferPath.parse(r.path());
        if (t.archive() && !archives) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "archive transfers are off");
        }
        Path path = t.path();
        return UserFiles.asUser(call, () -> {
            boolean exists = UserFiles.existsNoFollow(path);
            boolean directory = UserFiles.isDirectoryNoFollow(path);
            if (exists && Files.isSymbolicLink(path)) {
                throw FileErrors.vix(VixError.INVALID_ARG, 0, path + " is a symlink");
            }
            if (directory && !archives) {
                throw FileErrors.vix(VixError.NOT_A_FILE, Errno.EISDIR, path + " is a directory");
            }
            if (exists && !r.overwrite()) {
                throw FileErrors.vix(VixError.FILE_ALREADY_EXISTS, Errno.EEXIST, path + " exists");
            }
            if (exists) {
                UserFiles.requireAccess(path, Posix.W_OK);
                return VixReply.ok();
            }
            Path parent = path.getParent();
            try {
                if (parent == null
                        || !Files.readAttributes(parent, BasicFileAttributes.class)
                                .isDirectory()) {
                    throw new NoSuchFileException(String.valueOf(parent));
                }
            } catch (NoSuchFileException e) {
                // open-vm-tools answers a missing parent with FILE_NAME_INVALID, not FILE_NOT_FOUND.
                throw FileErrors.vix(VixError.FILE_NAME_INVALID, Errno.ENOENT, "no parent directory for " + path);
            }
            UserFiles.requireAccess(parent, Posix.W_OK);
            return VixReply.ok();
        });
    }
}
