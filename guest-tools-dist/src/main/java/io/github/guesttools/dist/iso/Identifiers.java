package io.github.guesttools.dist.iso;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * File identifiers of both hierarchies: level-1 (8.3) d-character names for the primary volume,
 * unique per directory, and Joliet names. Also the record order of ECMA-119 9.3.
 */
final class Identifiers {
    /** Joliet allows 64 characters; like {@code genisoimage -joliet-long} we use the 103 a record holds. */
    static final int JOLIET_MAX = 103;

    /** ECMA-119 9.3: name, then extension, each padded with spaces; then version, highest first. */
    static final Comparator<String> RECORD_ORDER = Identifiers::compareRecords;

    private Identifiers() {}

    /** Primary identifiers for the given names, in the same order; {@code directory[i]} says which are directories. */
    static List<String> primary(List<String> names, List<Boolean> directory) {
        List<String> ids = new ArrayList<>(names.size());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean dir = directory.get(i);
            String base;
            String ext;
            int dot = name.lastIndexOf('.');
            if (dir || dot <= 0) {
                base = dChars(name);
                ext = "";
            } else {
                base = dChars(name.substring(0, dot));
                ext = dChars(name.substring(dot + 1));
            }
            if (base.isEmpty()) {
                base = "_";
            }
            ext = ext.substring(0, Math.min(3, ext.length()));
            String candidate = base.substring(0, Math.min(8, base.length()));
            for (int n = 1; !used.add(candidate + "." + ext); n++) {
                String suffix = Integer.toString(n);
                if (suffix.length() >= 8) {
                    throw new IsoLimitException("too many similar names next to " + name);
                }
                candidate = base.substring(0, Math.min(8 - suffix.length(), base.length())) + suffix;
            }
            ids.add(dir ? candidate : candidate + "." + ext + ";1");
        }
        return ids;
    }

    /** Joliet identifiers for the given names, in the same order, unique per directory. */
    static List<String> joliet(List<String> names) {
        List<String> ids = new ArrayList<>(names.size());
        Set<String> used = new HashSet<>();
        for (String name : names) {
            String clean = jolietChars(name);
            String candidate = truncateKeepingExtension(clean, "");
            for (int n = 1; !used.add(candidate); n++) {
                candidate = truncateKeepingExtension(clean, "~" + n);
            }
            ids.add(candidate);
        }
        return ids;
    }

    private static String truncateKeepingExtension(String name, String suffix) {
        if (suffix.isEmpty() && name.length() <= JOLIET_MAX) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - ext.length());
        int room = JOLIET_MAX - ext.length() - suffix.length();
        return base.substring(0, Math.min(room, base.length())) + suffix + ext;
    }

    private static String dChars(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) {
            out.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return out.toString();
    }

    private static String jolietChars(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
                out.append('_');
            } else if (c < 0x20 || "*/:;?\\".indexOf(c) >= 0 || Character.isSurrogate(c)) {
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int compareRecords(String a, String b) {
        String[] left = split(a);
        String[] right = split(b);
        int c = comparePadded(left[0], right[0]);
        if (c == 0) {
            c = comparePadded(left[1], right[1]);
        }
        if (c == 0) {
            c = -comparePadded(left[2], right[2]);
        }
        return c;
    }

    /** Name, extension, version. */
    private static String[] split(String id) {
        int semi = id.lastIndexOf(';');
        String version = semi < 0 ? "" : id.substring(semi + 1);
        String rest = semi < 0 ? id : id.substring(0, semi);
        int dot = rest.indexOf('.');
        return dot < 0
                ? new String[] {rest, "", version}
                : new String[] {rest.substring(0, dot), rest.substring(dot + 1), version};
    }

    private static int comparePadded(String a, String b) {
        int n = Math.max(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = i < a.length() ? a.charAt(i) : ' ';
            char y = i < b.length() ? b.charAt(i) : ' ';
            if (x != y) {
                return Character.compare(x, y);
            }
        }
        return 0;
    }
}
