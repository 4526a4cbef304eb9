package io.github.guesttools.dist.testing;

import java.util.Map;
import java.util.TreeMap;

/** Parses {@code isoinfo -l} and {@code xorriso -exec lsdl} listings into path → "mode [-> target]". */
public final class IsoListings {
    private IsoListings() {}

    public static Map<String, String> isoinfo(String output) {
        Map<String, String> entries = new TreeMap<>();
        String dir = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("Directory listing of ")) {
                dir = line.substring("Directory listing of ".length()).trim();
                continue;
            }
            int bracket = line.indexOf("]  ");
            if (dir == null || line.length() < 10 || bracket < 0) {
                continue;
            }
            String name = line.substring(bracket + 3);
            if (name.endsWith(" ")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            String target = null;
            int arrow = name.indexOf(" -> ");
            if (line.charAt(0) == 'l' && arrow >= 0) {
                target = name.substring(arrow + 4);
                name = name.substring(0, arrow);
            }
            entries.put((dir + name).substring(1), line.substring(0, 10) + (target == null ? "" : " -> " + target));
        }
        return entries;
    }

    private static final java.util.regex.Pattern LSDL =
            java.util.regex.Pattern.compile("^([-dl][-rwxsStT]{9}) .*? '(/[^']*)'(?: -> '(.*)')?$");

    public static Map<String, String> lsdl(String output) {
        Map<String, String> entries = new TreeMap<>();
        for (String line : output.split("\n")) {
            java.util.regex.Matcher m = LSDL.matcher(line);
            if (m.matches() && !m.group(2).equals("/")) {
                entries.put(m.group(2).substring(1), m.group(1) + (m.group(3) == null ? "" : " -> " + m.group(3)));
            }
        }
        return entries;
    }

    /** What {@code ls -l} shows as mode for a {@link TreeListing} value. */
    public static Map<String, String> expected(Map<String, String> listing) {
        Map<String, String> expected = new TreeMap<>();
        listing.forEach((path, value) -> {
            if (value.startsWith("l -> ")) {
                expected.put(path, "lrwxrwxrwx -> " + value.substring(5));
            } else {
                int mode = Integer.parseInt(value.split(" ")[1], 8);
                expected.put(path, (value.charAt(0) == 'd' ? "d" : "-") + rwx(mode));
            }
        });
        return expected;
    }

    private static String rwx(int mode) {
        StringBuilder out = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            out.append((mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return out.toString();
    }
}
