package io.github.guesttools.mdata.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The inner layer of a V2 PUT payload: {@code base64(key) SP base64(value)}, which the frame then
 * base64-encodes again.
 */
public final class PutPayload {
    private PutPayload() {}

    /** A decoded PUT: raw key and value bytes. */
    public record Decoded(byte[] key, byte[] value) {}

    /** Returns the inner layer (ASCII) for {@code key} and {@code value}. */
    public static byte[] encode(byte[] key, byte[] value) {
        Base64.Encoder b64 = Base64.getEncoder();
        return (b64.encodeToString(key) + " " + b64.encodeToString(value)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decodes the inner layer as the host does: trim, split on single spaces, require exactly two
     * terms, decode each.
     *
     * @throws IllegalArgumentException when the request is malformed
     */
    public static Decoded decode(byte[] inner) {
        String text = new String(inner, StandardCharsets.ISO_8859_1).strip();
        String[] terms = text.split(" ", -1);
        if (terms.length != 2 || terms[0].isEmpty() || terms[1].isEmpty()) {
            throw new IllegalArgumentException("PUT payload must hold exactly two terms");
        }
        Base64.Decoder d = Base64.getDecoder();
        return new Decoded(d.decode(terms[0]), d.decode(terms[1]));
    }
}
