package io.github.guesttools.toolbox.vix;

/** The escaping of string fields in VIX XML results ({@code VixToolsEscapeXMLString}). */
public final class VixText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private VixText() {
    }

    /**
     * Percent-encodes exactly {@code " % & ' < >} with upper-case hex; everything else, including
     * non-ASCII, passes through.
     *
     * @param s the raw string
     * @return the escaped string
     */
    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean special = c == '"' || c == '%' || c == '&' || c == '\'' || c == '<' || c == '>';
            if (special && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (special) {
                    out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
