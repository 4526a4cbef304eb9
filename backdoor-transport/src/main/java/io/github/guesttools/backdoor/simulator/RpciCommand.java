package io.github.guesttools.backdoor.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An RPCI command split as the VMX dispatches it: the name is the text up to the first space
 * (trailing NULs removed), the arguments are the bytes after that space.
 *
 * @param name the command name, e.g. {@code info-set}
 * @param arguments the raw bytes after the separating space (may end with the guest's NUL)
 */
public record RpciCommand(String name, byte[] arguments) {

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
        byte[] arguments = space < command.length
                ? Arrays.copyOfRange(command, space + 1, command.length) : new byte[0];
        return new RpciCommand(name, arguments);
    }

    /** Returns the arguments as ISO-8859-1 text without trailing NULs. */
    public String text() {
        int end = arguments.length;
        while (end > 0 && arguments[end - 1] == 0) {
            end--;
        }
        return new String(arguments, 0, end, StandardCharsets.ISO_8859_1);
    }
}
