package io.github.guesttools.dist.tree;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file, directory or symbolic link of an {@link ImageTree}.
 *
 * @param path relative path with {@code /} separators, never empty, no {@code .} or {@code ..}
 * @param kind what the entry is
 * @param mode permission bits ({@code 07777} at most), without the file type
 * @param size content length in bytes; 0 for directories and symbolic links
 * @param source where a file's content is read from; {@code null} for other kinds
 * @param linkTarget a symbolic link's target; {@code null} for other kinds
 */
public record TreeEntry(String path, Kind kind, int mode, long size, Path source, String linkTarget) {

    /** What a tree entry is. */
    public enum Kind {
        /** A directory. */
        DIRECTORY,
        /** A regular file. */
        FILE,
        /** A symbolic link. */
        SYMLINK
    }

    /** Validates the components against each other. */
    public TreeEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("bad entry path: '" + path + "'");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad entry path: '" + path + "'");
            }
        }
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode has more than permission bits: " + Integer.toOctalString(mode));
        }
        if (size < 0 || (kind != Kind.FILE && size != 0)) {
            throw new IllegalArgumentException("bad size " + size + " for " + kind + " " + path);
        }
        if ((kind == Kind.FILE) != (source != null)) {
            throw new IllegalArgumentException("a file needs a source, other kinds none: " + path);
        }
        if ((kind == Kind.SYMLINK) != (linkTarget != null && !linkTarget.isEmpty())) {
            throw new IllegalArgumentException("a symlink needs a target, other kinds none: " + path);
        }
    }

    /** A directory entry. */
    public static TreeEntry directory(String path, int mode) {
        return new TreeEntry(path, Kind.DIRECTORY, mode, 0, null, null);
    }

    /** A regular file whose content is {@code size} bytes read from {@code source}. */
    public static TreeEntry file(String path, int mode, long size, Path source) {
        return new TreeEntry(path, Kind.FILE, mode, size, source, null);
    }

    /** A symbolic link; its mode is {@code 0777} as on Linux. */
    public static TreeEntry symlink(String path, String target) {
        return new TreeEntry(path, Kind.SYMLINK, 0777, 0, null, target);
    }

    /** The last path component. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The parent's path, or the empty string for entries at the top. */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The POSIX {@code st_mode}: file type bits plus permission bits. */
    public int posixMode() {
        return switch (kind) {
            case DIRECTORY -> 0040000 | mode;
            case FILE -> 0100000 | mode;
            case SYMLINK -> 0120000 | mode;
        };
    }
}
