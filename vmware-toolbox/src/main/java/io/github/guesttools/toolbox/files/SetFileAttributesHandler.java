package io.github.guesttools.toolbox.files;

import static io.github.guesttools.toolbox.vix.SetFileAttributesRequest.SET_ACCESS_DATE;
import static io.github.guesttools.toolbox.vix.SetFileAttributesRequest.SET_HIDDEN;
import static io.github.guesttools.toolbox.vix.SetFileAttributesRequest.SET_MODIFY_DATE;
import static io.github.guesttools.toolbox.vix.SetFileAttributesRequest.SET_READONLY;
import static io.github.guesttools.toolbox.vix.SetFileAttributesRequest.SET_UNIX_GROUPID;
import static io.github.guesttools.toolbox.vix.SetFileAttributesRequest.SET_UNIX_OWNERID;
import static io.github.guesttools.toolbox.vix.SetFileAttributesRequest.SET_UNIX_PERMISSIONS;

import io.github.guesttools.identity.internal.Posix;
import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.SetFileAttributesRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * Op 183 (ChangeFileAttributes): only the fields whose bit is set apply; a time that is not set
 * keeps its value. Order: owner/group, then mode (chown may clear setuid bits), then times.
 * Windows READONLY/HIDDEN bits give 3.
 */
final class SetFileAttributesHandler implements VixOpHandler {
    @Override
    public VixReply handle(VixCall call) throws VixException {
        SetFileAttributesRequest r = (SetFileAttributesRequest) call.request();
        if (r.has(SET_READONLY) || r.has(SET_HIDDEN)) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "READONLY/HIDDEN are Windows attributes");
        }
        Path path = UserFiles.path(r.path());
        return UserFiles.asUser(call, () -> {
            if (!Files.exists(path)) {
                throw FileErrors.errno(io.github.guesttools.toolbox.vix.Errno.ENOENT, path.toString());
            }
            int uid = r.has(SET_UNIX_OWNERID) ? r.ownerId() : -1;
            int gid = r.has(SET_UNIX_GROUPID) ? r.groupId() : -1;
            if (uid != -1 || gid != -1) {
                int errno = Posix.chown(path.toString(), uid, gid);
                if (errno != 0) {
                    throw FileErrors.errno(errno, "chown " + path);
                }
            }
            if (r.has(SET_UNIX_PERMISSIONS)) {
                int errno = Posix.chmod(path.toString(), r.permissions() & 07777);
                if (errno != 0) {
                    throw FileErrors.errno(errno, "chmod " + path);
                }
            }
            FileTime mtime = r.has(SET_MODIFY_DATE)
                    ? FileTime.from(r.modificationTime(), java.util.concurrent.TimeUnit.SECONDS)
                    : null;
            FileTime atime = r.has(SET_ACCESS_DATE)
                    ? FileTime.from(r.accessTime(), java.util.concurrent.TimeUnit.SECONDS)
                    : null;
            if (mtime != null || atime != null) {
                Files.getFileAttributeView(path, BasicFileAttributeView.class).setTimes(mtime, atime, null);
            }
            return VixReply.ok();
        });
    }
}
