package io.github.guesttools.toolbox.logging;

import org.slf4j.helpers.MessageFormatter;

/**
 * Escapes control characters in text that came from outside (log arguments, exception messages),
 * so that a host or user value such as a user name containing {@code "\n<3>..."} stays on its
 * event's line and cannot forge a journal entry or a priority. Newline, carriage return and tab
 * become {@code \n}, {@code \r}, {@code \t}; other C0 and C1 controls, DEL and the Unicode line and
 * paragraph separators become {@code \xHH} or {@code \}{@code uHHHH}.
 */
final class ControlEscapes {
    private ControlEscapes() {}

    /** The arguments of a log call as escaped text; {@link PreformattedLines} pass as they are. */
    static Object[] arguments(Object[] arguments) {
        if (arguments == null) {
            return null;
        }
        Object[] safe = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object a = arguments[i];
            if (a instanceof PreformattedLines p) {
                safe[i] = p.text();
            } else if (a != null) {
                // MessageFormatter's own rendering, arrays included, then escaped
                safe[i] = escape(MessageFormatter.basicArrayFormat("{}", new Object[] {a}));
            }
        }
        return safe;
    }

    /** {@code text} with its control characters escaped; the same instance when it has none. */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !control(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!control(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean control(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }
}
