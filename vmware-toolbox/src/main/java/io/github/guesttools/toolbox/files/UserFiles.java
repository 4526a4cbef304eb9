package io.github.guesttools.toolbox.files;

import io.github.guesttools.identity.internal.Posix;
import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Runs a file action with the caller's rights and turns every failure into a VIX error. */
final class UserFiles {
    private UserFiles() {}

    @FunctionalInterface
    interface FileAction<T> {
        T run() throws IOException, VixException;
    }

    /** Carries a deliberate VIX refusal through {@code RunAs}, which only passes IOExceptions. */
    private static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient VixException vix;

        Refusal(VixException vix) {
            super(vix.getMessage());
            this.vix = vix;
        }
    }

    static <T> T asUser(VixCall call, FileAction<T> action) throws VixException {
        try {
            return call.runAs().run(call.user(), () -> {
                try {
                    return action.run();
                } catch (VixException e) {
                    throw new Refusal(e);
                }
            });
        } catch (Refusal r) {
            throw r.vix;
        } catch (IOException e) {
            throw FileErrors.map(e);
        }
    }

    /** A guest path: non-empty and absolute (a relative path would depend on the agent's cwd). */
    static Path path(String name) throws VixException {
        if (name.isEmpty()) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "empty path");
        }
        try {
            Path p = Path.of(name);
            if (!p.isAbsolute()) {
                throw FileErrors.vix(VixError.INVALID_ARG, 0, "relative path " + name);
            }
            return p;
        } catch (InvalidPathException e) {
            throw FileErrors.vix(VixError.FILE_NAME_INVALID, 0, "invalid path " + name);
        }
    }

    static boolean isDirectoryNoFollow(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    static boolean existsNoFollow(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** Access with the worker thread's file-system identity (not the real uid, see Posix). */
    static void requireAccess(Path p, int mode) throws VixException {
        int rc = Posix.accessAsThread(p.toString(), mode);
        if (rc > 0) {
            throw FileErrors.errno(rc, "access " + p);
        }
    }
}
