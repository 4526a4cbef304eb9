package io.github.guesttools.rpc.rpci;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes RPCI command bytes the way vmtoolsd sends them. */
public final class RpciCommand {
    private RpciCommand() {}

    /** Text command plus the trailing NUL vmtoolsd sends ({@code strlen + 1} bytes). */
    public static byte[] text(String command) {
        byte[] text = command.getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.copyOf(text, text.length + 1);
    }

    /** Text prefix followed directly by a binary body, no NUL (e.g. {@code SetGuestInfo  10 } + XDR). */
    public static byte[] binary(String prefix, byte[] body) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(p, p.length + body.length);
        System.arraycopy(body, 0, out, p.length, body.length);
        return out;
    }

    /**
     * A no-value capability: {@code tools.capability.<name> } with a trailing space and without a NUL,
     * the one exception to the NUL convention.
     */
    public static byte[] noValueCapability(String name) {
        return ("tools.capability." + name + " ").getBytes(StandardCharsets.ISO_8859_1);
    }
}
