package io.github.guesttools.hgfs.server;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Picks the handler for a guest path (docs/protocols/hgfs.md §12): an existing directory is an archive; otherwise
 * the first segment names the scheme ({@code /proc/1/stdout}, {@code /archive:/tmp/x?format=tgz});
 * a handler's "not found" falls through to the local file system with the original name.
 */
final class PathResolver {
    /** The scheme that serves directories as archives. */
    static final String ARCHIVE = "archive";

    private final Map<String, FileHandler> handlers;
    private final FileHandler local;

    PathResolver(Map<String, FileHandler> handlers, FileHandler local) {
        this.handlers = Map.copyOf(handlers);
        this.local = local;
    }

    /** One step of resolution. */
    @FunctionalInterface
    interface Op<T> {
        T apply(FileHandler handler, TransferPath path) throws HgfsException;
    }

    <T> T apply(String name, Op<T> op) throws HgfsException {
        if (name.indexOf('\0') >= 0) {
            throw new HgfsException(HgfsStatus.INVALID_NAME, "NUL in name");
        }
        TransferPath scheme = schemePath(name);
        if (scheme != null) {
            FileHandler handler = handlers.get(scheme.scheme());
            if (handler != null) {
                try {
                    return op.apply(handler, scheme);
                } catch (HgfsException e) {
                    if (e.status() != HgfsStatus.NO_SUCH_FILE_OR_DIR) {
                        throw e;
                    }
                }
            }
        }
        return op.apply(local, TransferPath.local(name));
    }

    private TransferPath schemePath(String name) {
        int q = name.indexOf('?');
        String base = q < 0 ? name : name.substring(0, q);
        String query = q < 0 ? "" : name.substring(q + 1);
        if (handlers.containsKey(ARCHIVE) && isDirectory(base)) {
            return new TransferPath(name, ARCHIVE, base, query);
        }
        String rest = name.startsWith("/") ? name.substring(1) : name;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "/" : rest.substring(slash);
        if (first.endsWith(":")) {
            int tq = tail.indexOf('?');
            return new TransferPath(
                    name,
                    first.substring(0, first.length() - 1),
                    tq < 0 ? tail : tail.substring(0, tq),
                    tq < 0 ? "" : tail.substring(tq + 1));
        }
        return first.isEmpty() ? null : new TransferPath(name, first, tail, "");
    }

    private static boolean isDirectory(String path) {
        try {
            return Files.isDirectory(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
