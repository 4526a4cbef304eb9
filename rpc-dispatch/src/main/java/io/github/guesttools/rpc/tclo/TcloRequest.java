package io.github.guesttools.rpc.tclo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A TCLO request split into its name (up to the first space, trailing NULs trimmed) and its
 * arguments (after that space).
 *
 * @param name the RPC name, ISO-8859-1
 * @param args the argument bytes, without the separating space
 */
record TcloRequest(String name, byte[] args) {
    private static final byte[] NONE = new byte[0];

    static TcloRequest parse(byte[] message) {
        int space = 0;
        while (space < message.length && message[space] != ' ') {
            space++;
        }
        int end = space;
        while (end > 0 && message[end - 1] == 0) {
            end--;
        }
        String name = new String(message, 0, end, StandardCharsets.ISO_8859_1);
        byte[] args = space + 1 < message.length ? Arrays.copyOfRange(message, space + 1, message.length) : NONE;
        return new TcloRequest(name, args);
    }
}
