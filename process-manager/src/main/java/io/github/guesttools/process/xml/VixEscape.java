package io.github.guesttools.process.xml;

/**
 * The percent-escaping of VIX XML replies ({@code docs/protocols/vix.md} §8.0): exactly {@code " % & ' < >}
 * become {@code %} and two upper-case hex digits; every other character, including non-ASCII,
 * passes.
 */
public final class VixEscape {
    private VixEscape() {}

    /** Escapes one field value. */
    public static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = escapeOf(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '"':
                return "%22";
            case '%':
                return "%25";
            case '&':
                return "%26";
            case '\'':
                return "%27";
            case '<':
                return "%3C";
            case '>':
                return "%3E";
            default:
                return null;
        }
    }
}
