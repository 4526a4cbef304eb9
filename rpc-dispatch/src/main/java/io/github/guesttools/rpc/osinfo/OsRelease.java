package io.github.guesttools.rpc.osinfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code os-release(5)}: {@code KEY=value} lines, values optionally quoted with shell escapes. */
final class OsRelease {
    private OsRelease() {}

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> out = new HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            if (!key.matches("[A-Z0-9_]+")) {
                continue;
            }
            out.put(key, unquote(line.substring(eq + 1)));
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            String inner = v.substring(1, v.length() - 1);
            if (v.charAt(0) == '\'') {
                return inner;
            }
            StringBuilder sb = new StringBuilder(inner.length());
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    c = inner.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return v;
    }
}
