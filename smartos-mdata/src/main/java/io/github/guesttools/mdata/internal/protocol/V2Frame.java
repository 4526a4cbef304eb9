package io.github.guesttools.mdata.internal.protocol;

import java.util.Base64;

/**
 * One V2 frame body: {@code <reqid> SP <code> [SP <payload>]}. The payload is kept as the base64
 * text seen on the wire, or {@code null} when the frame has none (never an empty string).
 */
public record V2Frame(String requestId, String code, String payload) {

    /** Validates the parts that would break the frame syntax. */
    public V2Frame {
        if (requestId.isEmpty() || !isLowerHex(requestId)) {
            throw new IllegalArgumentException("request id must be lower-case hex: " + requestId);
        }
        if (code.isEmpty() || code.indexOf(' ') >= 0 || code.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("bad code: " + code);
        }
        if (payload != null && (payload.isEmpty() || !isBase64Text(payload))) {
            throw new IllegalArgumentException("payload must be non-empty base64 text or null");
        }
    }

    /** A frame whose payload is {@code data} base64-encoded; empty data means no payload. */
    public static V2Frame of(String requestId, String code, byte[] data) {
        String payload = data.length == 0 ? null : Base64.getEncoder().encodeToString(data);
        return new V2Frame(requestId, code, payload);
    }

    /**
     * Returns the decoded payload, empty when there is none.
     *
     * @throws IllegalArgumentException if the payload is not valid base64
     */
    public byte[] payloadBytes() {
        return payload == null ? new byte[0] : Base64.getDecoder().decode(payload);
    }

    static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static boolean isBase64Text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
