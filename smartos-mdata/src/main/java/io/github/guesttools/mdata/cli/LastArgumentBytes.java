package io.github.guesttools.mdata.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes of the command's last argument as the user typed them (mdata-put's value). The JVM
 * decodes argv in the locale's charset and replaces bytes that are not valid in it, so a value such
 * as Latin-1 text would be stored changed; mdata-client stores the bytes. On Linux they are the last
 * NUL-terminated string of {@code /proc/self/cmdline}, used when it decodes to the same argument;
 * otherwise the argument is encoded in UTF-8, as before.
 */
final class LastArgumentBytes {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private LastArgumentBytes() {}

    static byte[] of(String decoded) {
        try {
            byte[] raw = last(Files.readAllBytes(CMDLINE));
            if (new String(raw, jnuCharset()).equals(decoded)) {
                return raw;
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // not Linux, or /proc not mounted: the decoded argument is the best there is
        }
        return decoded.getBytes(StandardCharsets.UTF_8);
    }

    /** The last NUL-terminated string of {@code cmdline}. */
    static byte[] last(byte[] cmdline) {
        int end = cmdline.length > 0 && cmdline[cmdline.length - 1] == 0 ? cmdline.length - 1 : cmdline.length;
        int start = end;
        while (start > 0 && cmdline[start - 1] != 0) {
            start--;
        }
        return Arrays.copyOfRange(cmdline, start, end);
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
