package io.github.guesttools.backdoor.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An RPCI command split as the VMX dispatches it: the name is the text up to the first space
 * (trailing NULs removed), the arguments are the bytes after that space. The command bytes are
 * not copied (large commands stay cheap); {@link #arguments()} copies on demand.
 *
 * @param name the command name, e.g. {@code info-set}
 * @param bytes the whole command as received; not to be modified
 * @param argumentsOffset where the arguments start in {@code bytes}
 */
public record RpciCommand(String name, byte[] bytes, int argumentsOffset) {

    /** Splits raw command bytes. */
    public static RpciCommand parse(byte[] command) {
        int space = 0;
        while (space < command.length && command[space] != ' ') {
            space++;
        }
        int nameEnd = space;
        while (nameEnd > 0 && command[nameEnd - 1] == 0) {
            nameEnd--;
        }
        String name = new String(command, 0, nameEnd, StandardCharsets.ISO_8859_1);
        return new RpciCommand(name, command, Math.min(space + 1, command.length));
    }

    /** Returns a copy of the raw bytes after the separating space (may end with the guest's NUL). */
    public byte[] arguments() {
        return Arrays.copyOfRange(bytes, argumentsOffset, bytes.length);
    }

    /** Returns the arguments as ISO-8859-1 text without trailing NULs. */
    public String text() {
        int end = bytes.length;
        while (end > argumentsOffset && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, argumentsOffset, end - argumentsOffset, StandardCharsets.ISO_8859_1);
    }
}
