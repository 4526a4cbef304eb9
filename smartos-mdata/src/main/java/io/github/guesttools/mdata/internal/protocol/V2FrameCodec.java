package io.github.guesttools.mdata.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encodes and decodes V2 frames: {@code V2 SP <clen> SP <crc> SP <body> LF}, where {@code clen} is
 * the decimal byte length of the body and {@code crc} its CRC-32 as {@code %08x}.
 *
 * <p>Two decoders exist because the two ends have different duties. {@link #decode} is the
 * client's: strict about length and CRC, tolerant of a CR before the LF and of upper-case CRC
 * digits, and (unlike mdata-client) accepts a CRC value of 0. {@link #decodeRequest} follows the
 * host rules of smartos-live {@code agent.js}, so it rejects exactly what a real host rejects.
 */
public final class V2FrameCodec {
    private static final byte[] PREFIX = {'V', '2', ' '};

    private V2FrameCodec() {}

    /** Compiled on first host-side use only: a client never needs them (start-up time). */
    static final class HostPatterns {
        // agent.js parse_v2_request, /\s*([0-9]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+(.*)/: deliberately
        // unanchored, see docs/protocols/smartos-metadata.md section 8. Searched as written, a line of
        // digits costs quadratic time (a try at every start, each running to the end of the digits:
        // 1 MB took hours). This form finds the same groups in linear time: a try only where a digit
        // run begins (a try inside a run, or at the blanks before it, succeeds or fails as the run's
        // does, with the same groups), and no backtracking (possessive; no token can give back a
        // character the next one could take).
        static final Pattern FRAME = Pattern.compile("(?<![0-9])([0-9]++)\\s++([0-9a-f]++)\\s++([0-9a-f]++)\\s++(.*)");
        static final Pattern BODY_REST = Pattern.compile("\\s*(\\S+)\\s*(.*)");
    }

    /** Returns the whole frame line, LF included. */
    public static byte[] encode(V2Frame frame) {
        String body = body(frame);
        byte[] bodyBytes = body.getBytes(StandardCharsets.US_ASCII);
        String line = "V2 " + bodyBytes.length + " " + Crc32Hex.of(bodyBytes) + " " + body + "\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    static String body(V2Frame frame) {
        String head = frame.requestId() + " " + frame.code();
        return frame.payload() == null ? head : head + " " + frame.payload();
    }

    /** True when the bytes at {@code from} begin a frame ({@code "V2 "}). */
    public static boolean startsFrame(byte[] line, int from, int end) {
        if (end - from < PREFIX.length) {
            return false;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (line[from + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a frame the client received. {@code line[from, end)} holds the frame without its LF;
     * one trailing CR is ignored.
     *
     * @throws FrameException if the syntax, length or CRC is wrong
     */
    public static V2Frame decode(byte[] line, int from, int end) throws FrameException {
        if (end > from && line[end - 1] == '\r') {
            end--;
        }
        if (!startsFrame(line, from, end)) {
            throw new FrameException("not a V2 frame", null);
        }
        int p = from + PREFIX.length;
        int lenEnd = indexOf(line, (byte) ' ', p, end);
        if (lenEnd < 0) {
            throw new FrameException("missing checksum", null);
        }
        long clen = parseUnsigned(line, p, lenEnd, 10, 10);
        int crcStart = lenEnd + 1;
        int crcEnd = indexOf(line, (byte) ' ', crcStart, end);
        if (crcEnd < 0) {
            throw new FrameException("missing body", null);
        }
        long crc = parseUnsigned(line, crcStart, crcEnd, 16, 8);
        int bodyStart = crcEnd + 1;
        int bodyLength = end - bodyStart;
        if (clen < 0 || crc < 0) {
            throw new FrameException("bad length or checksum field", null);
        }
        V2Frame frame = parseBody(line, bodyStart, end);
        if (clen != bodyLength) {
            throw new FrameException("length " + clen + " does not match body length " + bodyLength, frame.requestId());
        }
        if (Crc32Hex.value(line, bodyStart, bodyLength) != crc) {
            throw new FrameException("checksum mismatch", frame.requestId());
        }
        return frame;
    }

    private static V2Frame parseBody(byte[] line, int start, int end) throws FrameException {
        int idEnd = indexOf(line, (byte) ' ', start, end);
        if (idEnd <= start) {
            throw new FrameException("missing request id or code", null);
        }
        String id = new String(line, start, idEnd - start, StandardCharsets.ISO_8859_1);
        if (!V2Frame.isLowerHex(id)) {
            throw new FrameException("bad request id", null);
        }
        int codeEnd = indexOf(line, (byte) ' ', idEnd + 1, end);
        String code;
        String payload = null;
        if (codeEnd < 0) {
            code = new String(line, idEnd + 1, end - idEnd - 1, StandardCharsets.ISO_8859_1);
        } else {
            code = new String(line, idEnd + 1, codeEnd - idEnd - 1, StandardCharsets.ISO_8859_1);
            payload = new String(line, codeEnd + 1, end - codeEnd - 1, StandardCharsets.ISO_8859_1);
        }
        try {
            return new V2Frame(id, code, payload);
        } catch (IllegalArgumentException e) {
            throw new FrameException(e.getMessage(), id);
        }
    }

    /**
     * Decodes a request line the way the SmartOS host does ({@code agent.js}). The line must start
     * with {@code V2}; trailing whitespace (including a CR) is ignored; the CRC must be written as
     * the host writes it (lower-case, 8 digits).
     *
     * @throws FrameException with the request id when one could be found
     */
    public static V2Frame decodeRequest(String line) throws FrameException {
        String trimmed = line.stripTrailing();
        if (!trimmed.startsWith("V2")) {
            throw new FrameException("not a V2 frame", null);
        }
        Matcher m = HostPatterns.FRAME.matcher(trimmed.substring(2));
        if (!m.find()) {
            throw new FrameException("unparsable V2 frame", null);
        }
        String id = m.group(3);
        String body = id + " " + m.group(4);
        long clen;
        try {
            clen = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new FrameException("length out of range", id);
        }
        if (clen <= 0 || clen != body.length()) {
            throw new FrameException("length " + clen + " does not match body length " + body.length(), id);
        }
        if (!m.group(2).equals(Crc32Hex.of(body.getBytes(StandardCharsets.ISO_8859_1)))) {
            throw new FrameException("checksum mismatch", id);
        }
        Matcher rest = HostPatterns.BODY_REST.matcher(m.group(4));
        if (!rest.matches()) {
            throw new FrameException("missing command", id);
        }
        String payload = rest.group(2).isEmpty() ? null : rest.group(2);
        if (payload != null && !V2Frame.isBase64Text(payload)) {
            throw FrameException.badPayload(id, rest.group(1)); // the frame is sound but for its payload
        }
        try {
            return new V2Frame(id, rest.group(1), payload);
        } catch (IllegalArgumentException e) {
            throw new FrameException(e.getMessage(), id);
        }
    }

    private static int indexOf(byte[] b, byte value, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Parses unsigned digits in {@code radix}; returns -1 on a bad or over-long field. */
    private static long parseUnsigned(byte[] b, int from, int end, int radix, int maxDigits) {
        if (end <= from || end - from > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < end; i++) {
            int d = Character.digit(b[i], radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v;
    }
}
