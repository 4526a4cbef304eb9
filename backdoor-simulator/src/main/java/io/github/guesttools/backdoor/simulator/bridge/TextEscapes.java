package io.github.guesttools.backdoor.simulator.bridge;

import java.io.ByteArrayOutputStream;

/**
 * Backslash escapes for bytes in one line of text: {@code \\}, {@code \n}, {@code \r}, {@code \t},
 * {@code \0} and {@code \xHH}; printable ASCII stands for itself. Used by {@link SimulatorMain}'s
 * script and control lines, so binary TCLO requests and replies fit on one line.
 */
final class TextEscapes {
    private TextEscapes() {}

    static String escape(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            switch (c) {
                case '\\':
                    s.append("\\\\");
                    break;
                case '\n':
                    s.append("\\n");
                    break;
                case '\r':
                    s.append("\\r");
                    break;
                case '\t':
                    s.append("\\t");
                    break;
                case 0:
                    s.append("\\0");
                    break;
                default:
                    if (c >= 0x20 && c < 0x7F) {
                        s.append((char) c);
                    } else {
                        s.append(String.format("\\x%02x", c));
                    }
            }
        }
        return s.toString();
    }

    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0xFF) {
                    throw new IllegalArgumentException("character outside ISO-8859-1 at " + i);
                }
                out.write(c);
                continue;
            }
            if (++i >= text.length()) {
                throw new IllegalArgumentException("dangling backslash at the end");
            }
            char e = text.charAt(i);
            switch (e) {
                case '\\':
                    out.write('\\');
                    break;
                case 'n':
                    out.write('\n');
                    break;
                case 'r':
                    out.write('\r');
                    break;
                case 't':
                    out.write('\t');
                    break;
                case '0':
                    out.write(0);
                    break;
                case 'x':
                    if (i + 2 >= text.length()) {
                        throw new IllegalArgumentException("\\x needs two hex digits at " + i);
                    }
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                    break;
                default:
                    throw new IllegalArgumentException("unknown escape \\" + e + " at " + i);
            }
        }
        return out.toByteArray();
    }
}
