package io.github.guesttools.dist.testing;

import io.github.guesttools.dist.image.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A full listing of a directory tree: for each path its type, permission bits and content hash or
 * link target. Two trees with equal listings are equal for every purpose the tests care about.
 */
public final class TreeListing {
    private TreeListing() {}

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    listing.put(name, "l -> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    listing.put(name, "d " + Integer.toOctalString(mode(path)));
                } else {
                    listing.put(name, "f " + Integer.toOctalString(mode(path)) + " " + sha256(path));
                }
            }
        }
        return listing;
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    public static String sha256(Path file) throws IOException {
        return Checksums.sha256(file);
    }
}
