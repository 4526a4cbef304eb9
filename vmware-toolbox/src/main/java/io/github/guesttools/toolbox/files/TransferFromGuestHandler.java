package io.github.guesttools.toolbox.files;

import io.github.guesttools.identity.internal.Posix;
import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.Errno;
import io.github.guesttools.toolbox.vix.TransferFromGuestRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Op 188 InitiateFileTransferFromGuest: checks the path with the user's rights and answers one
 * {@code <fxi>} whose size becomes the download's Content-Length; the VMX then reads the same path
 * over HGFS. A symlink gives 3, a missing file 4, an unreadable one 13. A directory (or an
 * {@code /archive:} path) is an archive download: a synthetic regular file of size
 * {@code 0x7FFFFFFFFFFFFFFF}, mode 0600; with archives off a directory gives 20001. Empty-looking
 * regular files under /proc report 0xF800 bytes.
 */
final class TransferFromGuestHandler implements VixOpHandler {
    static final long ARCHIVE_SIZE = Long.MAX_VALUE;
    private final boolean archives;
    private final VirtualFiles virtualFiles;

    TransferFromGuestHandler(boolean archives, VirtualFiles virtualFiles) {
        this.archives = archives;
        this.virtualFiles = virtualFiles;
    }

    @Override
    public VixReply handle(VixCall call) throws VixException {
        String name = ((TransferFromGuestRequest) call.request()).path();
        Optional<VirtualFiles.VirtualFile> virtual = virtualFiles.stat(call, name);
        if (virtual.isPresent()) {
            VirtualFiles.VirtualFile v = virtual.get();
            StringBuilder out = new StringBuilder();
            FileInfoXml.append(
                    out,
                    name,
                    0,
                    v.size(),
                    v.mtime(),
                    v.mtime(),
                    call.user().uid(),
                    call.user().gid(),
                    FileInfoXml.S_IFREG | v.mode(),
                    "");
            return VixReply.ok(out.toString());
        }
        TransferPath t = TransferPath.parse(name);
        if (t.archive() && !archives) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "archive transfers are off");
        }
        return UserFiles.asUser(call, () -> {
            if (!UserFiles.existsNoFollow(t.path())) {
                throw FileErrors.errno(Errno.ENOENT, t.path().toString());
            }
            boolean directory = UserFiles.isDirectoryNoFollow(t.path());
            if (t.archive() || (directory && archives)) {
                UserFiles.requireAccess(t.path(), Posix.R_OK);
                StringBuilder out = new StringBuilder();
                long now = System.currentTimeMillis() / 1000;
                FileInfoXml.append(
                        out,
                        name,
                        0,
                        ARCHIVE_SIZE,
                        now,
                        now,
                        call.user().uid(),
                        call.user().gid(),
                        FileInfoXml.S_IFREG | 0600,
                        "");
                return VixReply.ok(out.toString());
            }
            if (Files.isSymbolicLink(t.path())) {
                throw FileErrors.vix(VixError.INVALID_ARG, 0, t.path() + " is a symlink");
            }
            if (directory) {
                throw FileErrors.vix(VixError.NOT_A_FILE, Errno.EISDIR, t.path() + " is a directory");
            }
            UserFiles.requireAccess(t.path(), Posix.R_OK);
            StringBuilder out = new StringBuilder();
            FileInfoXml.append(t.path(), name, out);
            return VixReply.ok(out.toString());
        });
    }
}
