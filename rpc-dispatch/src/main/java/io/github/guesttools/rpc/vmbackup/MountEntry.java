package io.github.guesttools.rpc.vmbackup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code /proc/self/mountinfo}: what the freezer needs to choose and order file systems.
 *
 * @param device {@code major:minor} of the super block (two mounts of one file system share it)
 * @param mountPoint the mount point, octal escapes decoded
 * @param type the file-system type ({@code ext4}, {@code fuse.sshfs}, ...)
 * @param source the mount source ({@code /dev/sda1}, {@code server:/export}, ...)
 * @param readOnly whether the super block is read-only
 */
public record MountEntry(String device, String mountPoint, String type, String source, boolean readOnly) {

    /** The live mount table of this process's mount namespace. */
    public static List<MountEntry> current() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8));
    }

    /**
     * Parses mountinfo lines ({@code proc(5)}); malformed lines are skipped.
     *
     * @param lines the lines, in table order
     * @return the entries, in table order
     */
    public static List<MountEntry> parse(List<String> lines) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (dash < 0 || f.length < dash + 4) {
                continue;
            }
            boolean ro = false;
            for (String opt : f[dash + 3].split(",")) {
                ro |= opt.equals("ro");
            }
            out.add(new MountEntry(f[2], unescape(f[4]), f[dash + 1], unescape(f[dash + 2]), ro));
        }
        return out;
    }

    /** Decodes the kernel's {@code \ooo} escapes (space, tab, newline, backslash). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
