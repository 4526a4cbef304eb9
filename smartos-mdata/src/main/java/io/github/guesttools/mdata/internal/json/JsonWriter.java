package io.github.guesttools.mdata.internal.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link JsonReader} produces, indented by two spaces. Non-ASCII text is written
 * as is, except unpaired surrogates, which are escaped so that the output stays valid UTF-8.
 */
public final class JsonWriter {
    private JsonWriter() {}

    /** Returns the JSON text of {@code value}, ending with a newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    /** Returns the JSON text of {@code value} on one line without spaces, as JavaScript's JSON.stringify. */
    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, -1);
        return sb.toString();
    }

    /** Returns {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2);
        string(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String) {
            string(sb, (String) value);
        } else if (value instanceof Boolean) {
            sb.append(value.toString());
        } else if (value instanceof BigDecimal) {
            sb.append(((BigDecimal) value).toString());
        } else if (value instanceof Integer || value instanceof Long) {
            sb.append(value.toString());
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            boolean pretty = indent >= 0;
            sb.append(pretty ? "{\n" : "{");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pad(sb, indent + 2);
                string(sb, (String) e.getKey());
                sb.append(pretty ? ": " : ":");
                write(sb, e.getValue(), pretty ? indent + 2 : -1);
                sb.append(++i < map.size() ? "," : "").append(pretty ? "\n" : "");
            }
            pad(sb, indent);
            sb.append('}');
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            boolean pretty = indent >= 0;
            sb.append(pretty ? "[\n" : "[");
            for (int i = 0; i < list.size(); i++) {
                pad(sb, indent + 2);
                write(sb, list.get(i), pretty ? indent + 2 : -1);
                sb.append(i + 1 < list.size() ? "," : "").append(pretty ? "\n" : "");
            }
            pad(sb, indent);
            sb.append(']');
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    private static void pad(StringBuilder sb, int n) {
        // n is negative (or 1 for nested levels) in compact mode: callers pass indent + 2 = 1.
        if (n < 2) {
            return;
        }
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    boolean pairedHigh = Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        sb.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int k = hex.length(); k < 4; k++) {
                            sb.append('0');
                        }
                        sb.append(hex);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
