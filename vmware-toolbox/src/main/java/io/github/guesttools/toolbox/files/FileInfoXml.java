package io.github.guesttools.toolbox.files;

import io.github.guesttools.process.xml.VixEscape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Linux {@code <fxi>} element: name, type flags, size, times, ids, the full {@code st_mode}
 * and the link target. Size, times, ids and mode follow symlinks, as open-vm-tools does.
 */
final class FileInfoXml {
    static final int DIRECTORY = 1;
    static final int SYMLINK = 2;
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    /** Size reported for empty-looking /proc files so the host does not announce Content-Length 0. */
    static final long PROC_SIZE = 0xF800;

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,lastAccessTime";

    private FileInfoXml() {}

    /**
     * @param path the file
     * @param name the name to print (escaped here)
     * @param out where the element is appended
     * @throws IOException when the file's attributes cannot be read (the caller skips it)
     */
    static void append(Path path, String name, StringBuilder out) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        String target = "";
        int type = 0;
        if (((int) a.get("mode") & S_IFMT) == 0120000) {
            type |= SYMLINK;
            target = Files.readSymbolicLink(path).toString();
            a = Files.readAttributes(path, ATTRIBUTES);
        }
        int mode = (int) a.get("mode");
        if ((mode & S_IFMT) == S_IFDIR) {
            type |= DIRECTORY;
        }
        long size = (long) a.get("size");
        if (size == 0 && (mode & S_IFMT) == S_IFREG && path.startsWith("/proc/")) {
            size = PROC_SIZE;
        }
        append(
                out,
                name,
                type,
                size,
                seconds(a.get("lastModifiedTime")),
                seconds(a.get("lastAccessTime")),
                (int) a.get("uid"),
                (int) a.get("gid"),
                mode,
                target);
    }

    static void append(
            StringBuilder out,
            String name,
            int type,
            long size,
            long mtime,
            long atime,
            int uid,
            int gid,
            int mode,
            String target) {
        out.append("<fxi><Name>")
                .append(VixEscape.escape(name))
                .append("</Name><ft>")
                .append(type)
                .append("</ft><fs>")
                .append(Long.toUnsignedString(size))
                .append("</fs><mt>")
                .append(mtime)
                .append("</mt><at>")
                .append(atime)
                .append("</at><uid>")
                .append(Integer.toUnsignedString(uid))
                .append("</uid><gid>")
                .append(Integer.toUnsignedString(gid))
                .append("</gid><perm>")
                .append(mode)
                .append("</perm><slt>")
                .append(VixEscape.escape(target))
                .append("</slt></fxi>");
    }

    private static long seconds(Object time) {
        return ((FileTime) time).to(TimeUnit.SECONDS);
    }
}
