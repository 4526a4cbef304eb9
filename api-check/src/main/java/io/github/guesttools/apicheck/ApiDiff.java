package io.github.guesttools.apicheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The difference between two API listings ({@link ApiSignature} format), type by type: {@code -}
 * for what the committed file has and the classes do not, {@code +} for the reverse. Member lines
 * are shown under their type's header, so a changed {@code close()} says whose.
 */
public final class ApiDiff {
    private ApiDiff() {}

    /** The differing lines, empty when the listings are equal. */
    public static List<String> of(List<String> expected, List<String> actual) {
        Map<String, Set<String>> before = blocks(expected);
        Map<String, Set<String>> after = blocks(actual);
        Set<String> headers = new LinkedHashSet<>(before.keySet());
        headers.addAll(after.keySet());
        List<String> out = new ArrayList<>();
        for (String header : headers.stream().sorted(ApiDiff::byTypeName).toList()) {
            Set<String> was = before.get(header);
            Set<String> is = after.get(header);
            if (was == null) {
                out.add("+ " + header);
                is.forEach(m -> out.add("+ " + m));
            } else if (is == null) {
                out.add("- " + header);
                was.forEach(m -> out.add("- " + m));
            } else if (!was.equals(is)) {
                out.add("  " + header);
                was.stream().filter(m -> !is.contains(m)).forEach(m -> out.add("- " + m));
                is.stream().filter(m -> !was.contains(m)).forEach(m -> out.add("+ " + m));
            }
        }
        return out;
    }

    /** Header line to its member lines; blank lines end a block. */
    private static Map<String, Set<String>> blocks(List<String> lines) {
        Map<String, Set<String>> blocks = new LinkedHashMap<>();
        Set<String> current = null;
        for (String line : lines) {
            if (line.isBlank()) {
                current = null;
            } else if (line.startsWith(" ") && current != null) {
                current.add(line);
            } else {
                current = new LinkedHashSet<>();
                blocks.put(line, current);
            }
        }
        return blocks;
    }

    /** Orders headers by the type name they declare, so a changed header sits where it was. */
    private static int byTypeName(String a, String b) {
        int c = typeName(a).compareTo(typeName(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static String typeName(String header) {
        for (String kind : new String[] {"class ", "interface ", "enum ", "record ", "@interface "}) {
            int i = header.indexOf(kind);
            if (i >= 0) {
                String rest = header.substring(i + kind.length());
                int end = rest.indexOf(' ');
                return end < 0 ? rest : rest.substring(0, end);
            }
        }
        return header;
    }
}
