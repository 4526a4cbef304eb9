package io.github.guesttools.dist.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Makes a directory whose content is exactly what a {@link Layout} lists, with the listed modes. */
public final class Stager {
    private Stager() {}

    /**
     * Stages the layout into {@code target}, which must not exist yet.
     *
     * @throws NoSuchFileException if a listed source is missing
     * @throws FileAlreadyExistsException if two items claim the same image path
     */
    public static Path stage(Layout layout, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.createDirectory(target);
        setMode(target, 0755);
        for (Layout.Item item : layout.items()) {
            Path to = target.resolve(item.imagePath());
            makeParents(target, to.getParent());
            try {
                switch (item.kind()) {
                    case FILE -> copyFile(Path.of(item.source()), to, item.mode());
                    case FILES -> copyFiles(Path.of(item.source()), to, item.mode());
                    case TREE -> copyTree(Path.of(item.source()), to);
                    case LINK -> Files.createSymbolicLink(to, Path.of(item.source()));
                    case DIR -> {
                        Files.createDirectory(to);
                        setMode(to, item.mode());
                    }
                    default -> throw new IllegalStateException("unknown kind " + item.kind());
                }
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                throw new IOException("layout line " + item.line() + " (" + item.imagePath() + "): " + e, e);
            }
        }
        return target;
    }

    private static void makeParents(Path root, Path dir) throws IOException {
        if (dir.equals(root) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        makeParents(root, dir.getParent());
        Files.createDirectory(dir);
        setMode(dir, 0755);
    }

    private static void copyFile(Path from, Path to, int mode) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new NoSuchFileException(from.toString(), null, "not a regular file");
        }
        Files.copy(from, to);
        setMode(to, mode);
    }

    private static void copyFiles(Path fromDir, Path toDir, int mode) throws IOException {
        if (!Files.isDirectory(toDir)) {
            Files.createDirectory(toDir);
            setMode(toDir, 0755);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(fromDir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            copyFile(file, toDir.resolve(file.getFileName().toString()), mode);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new NoSuchFileException(from.toString(), null, "not a directory");
        }
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(path -> {
                Path dest = to.resolve(from.relativize(path).toString());
                try {
                    if (Files.isSymbolicLink(path)) {
                        Files.createSymbolicLink(dest, Files.readSymbolicLink(path));
                    } else if (Files.isDirectory(path)) {
                        Files.createDirectory(dest);
                        setMode(dest, 0755);
                    } else {
                        Files.copy(path, dest);
                        setMode(dest, modeOf(path) & 0755);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static int modeOf(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission perm : Files.getPosixFilePermissions(path)) {
            mode |= 0400 >> perm.ordinal();
        }
        return mode;
    }

    static void setMode(Path path, int mode) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission perm : PosixFilePermission.values()) {
            if ((mode & (0400 >> perm.ordinal())) != 0) {
                perms.add(perm);
            }
        }
        Files.setPosixFilePermissions(path, perms);
    }
}
