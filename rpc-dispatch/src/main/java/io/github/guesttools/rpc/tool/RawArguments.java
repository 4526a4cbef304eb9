package io.github.guesttools.rpc.tool;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A command's arguments as the bytes the user typed, whatever the locale. The JVM decodes argv
 * with the locale's charset ({@code sun.jnu.encoding}): under {@code LANG=C} every non-ASCII byte
 * becomes {@code ?}, and bytes that are not valid in the charset are lost. On Linux the exact bytes
 * are the tail of {@code /proc/self/cmdline} (the JVM's options come first, the main class's
 * arguments last); elsewhere, or when that tail does not match the arguments, the arguments are
 * encoded again in the charset they were decoded with.
 */
public final class RawArguments {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private RawArguments() {}

    /** The bytes of each of {@code args}, the arguments main was given. */
    public static List<byte[]> of(String[] args) {
        try {
            if (Files.isReadable(CMDLINE)) {
                List<byte[]> raw = fromCmdline(Files.readAllBytes(CMDLINE), args);
                if (raw != null) {
                    return raw;
                }
            }
        } catch (IOException | SecurityException e) {
            // fall through: the decoded arguments are the best there is
        }
        return encoded(args);
    }

    /** {@code args} encoded in the charset the JVM decoded argv with. */
    public static List<byte[]> encoded(String[] args) {
        Charset charset;
        try {
            charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            charset = StandardCharsets.UTF_8;
        }
        List<byte[]> out = new ArrayList<>();
        for (String arg : args) {
            out.add(arg.getBytes(charset));
        }
        return out;
    }

    /**
     * The last {@code args.length} NUL-terminated strings of {@code cmdline}, or null when they are
     * not these arguments (fewer strings, or an ASCII one that differs from its decoded argument).
     */
    static List<byte[]> fromCmdline(byte[] cmdline, String[] args) {
        List<byte[]> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                all.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            all.add(Arrays.copyOfRange(cmdline, start, cmdline.length));
        }
        if (all.size() <= args.length) {
            return null;
        }
        List<byte[]> tail = all.subList(all.size() - args.length, all.size());
        for (int i = 0; i < args.length; i++) {
            byte[] bytes = tail.get(i);
            boolean ascii = true;
            for (byte b : bytes) {
                ascii &= b >= 0;
            }
            if (ascii ? !args[i].equals(new String(bytes, StandardCharsets.US_ASCII)) : args[i].isEmpty()) {
                return null;
            }
        }
        return List.copyOf(tail);
    }
}
