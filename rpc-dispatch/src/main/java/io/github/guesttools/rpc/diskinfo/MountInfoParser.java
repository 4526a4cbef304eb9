package io.github.guesttools.rpc.diskinfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/<pid>/mountinfo} (proc(5)); malformed lines are skipped, never fatal. */
public final class MountInfoParser {
    private MountInfoParser() {}

    /** The mounts in table order. */
    public static List<MountEntry> parse(String text) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(" ");
            int dash = indexOfSeparator(f);
            // id parent major:minor root mountpoint options [optional...] - type source superoptions
            if (dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            String superOptions = dash + 3 < f.length ? f[dash + 3] : "";
            out.add(new MountEntry(
                    f[2], unescape(f[3]), unescape(f[4]), unescape(f[dash + 1]), unescape(f[dash + 2]), superOptions));
        }
        return out;
    }

    private static int indexOfSeparator(String[] fields) {
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals("-")) {
                return i;
            }
        }
        return -1;
    }

    /** The kernel writes space, tab, newline and backslash as {@code \ooo}; the bytes are UTF-8 by convention. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        byte[] raw = field.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\'
                    && i + 3 < raw.length
                    && isOctal(raw[i + 1])
                    && isOctal(raw[i + 2])
                    && isOctal(raw[i + 3])) {
                out.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }
}
