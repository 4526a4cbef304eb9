package io.github.guesttools.dist.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable file tree in a canonical order, with one timestamp for every entry.
 *
 * <p>Entries are sorted by path compared component by component (so {@code a/b} comes right after
 * {@code a}, before {@code a-b}); every parent directory is an entry itself. Owners are always
 * root (uid and gid 0): the writers do not take them from the build machine.
 */
public final class ImageTree {

    /** Orders paths component by component, comparing components by their UTF-8 bytes. */
    public static final Comparator<String> PATH_ORDER = ImageTree::comparePaths;

    private final List<TreeEntry> entries;
    private final Instant timestamp;

    private ImageTree(List<TreeEntry> entries, Instant timestamp) {
        this.entries = entries;
        this.timestamp = timestamp;
    }

    /**
     * Builds a tree from entries in any order.
     *
     * @throws IllegalArgumentException if a path occurs twice or a parent directory is missing
     */
    public static ImageTree of(List<TreeEntry> entries, Instant timestamp) {
        List<TreeEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(TreeEntry::path, PATH_ORDER));
        Map<String, TreeEntry> byPath = new HashMap<>();
        for (TreeEntry entry : sorted) {
            if (byPath.put(entry.path(), entry) != null) {
                throw new IllegalArgumentException("duplicate path in image: " + entry.path());
            }
            String parent = entry.parent();
            if (!parent.isEmpty()) {
                TreeEntry dir = byPath.get(parent);
                if (dir == null || dir.kind() != TreeEntry.Kind.DIRECTORY) {
                    throw new IllegalArgumentException(
                            "parent of " + entry.path() + " is not a directory in the image");
                }
            }
        }
        return new ImageTree(List.copyOf(sorted), timestamp);
    }

    /**
     * Reads a directory tree from disk, keeping each entry's exact permission bits and symlink
     * targets. Symbolic links are not followed; other file types (sockets, devices) are refused.
     */
    public static ImageTree scan(Path root, Instant timestamp) throws IOException {
        List<TreeEntry> entries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    entries.add(TreeEntry.directory(relative(root, dir), permissions(dir)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String path = relative(root, file);
                if (attrs.isSymbolicLink()) {
                    entries.add(
                            TreeEntry.symlink(path, Files.readSymbolicLink(file).toString()));
                } else if (attrs.isRegularFile()) {
                    entries.add(TreeEntry.file(path, permissions(file), attrs.size(), file));
                } else {
                    throw new IOException("not a regular file, directory or symlink: " + file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return of(entries, timestamp);
    }

    /** The entries, parents before children, in {@link #PATH_ORDER}. */
    public List<TreeEntry> entries() {
        return entries;
    }

    /** The modification time recorded for every entry. */
    public Instant timestamp() {
        return timestamp;
    }

    private static String relative(Path root, Path path) {
        StringBuilder out = new StringBuilder();
        for (Path part : root.relativize(path)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    static int permissions(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission perm : perms) {
                mode |= 0400 >> perm.ordinal();
            }
            return mode;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int comparePaths(String a, String b) {
        String[] left = a.split("/", -1);
        String[] right = b.split("/", -1);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = compareUtf8(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
