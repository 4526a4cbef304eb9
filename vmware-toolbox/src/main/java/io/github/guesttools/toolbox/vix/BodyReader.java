package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reader of an op body: every length is checked against the bytes that remain, so a lying
 * length ends as {@link VixError#INVALID_MESSAGE_BODY} and never as an exception or a huge
 * allocation.
 */
final class BodyReader {
    private final ByteBuffer in;

    BodyReader(ByteBuffer body, int fixedSize) throws VixException {
        this.in = body.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < fixedSize) {
            // OVT reports a body shorter than the op's fixed struct as a header fault.
            throw new VixException(
                    VixError.INVALID_MESSAGE_HEADER,
                    "body of " + in.remaining() + " bytes is shorter than the fixed " + fixedSize);
        }
    }

    int u8() {
        return Byte.toUnsignedInt(in.get());
    }

    boolean bool() {
        return in.get() != 0;
    }

    int i32() {
        return in.getInt();
    }

    long u32() {
        return Integer.toUnsignedLong(in.getInt());
    }

    long i64() {
        return in.getLong();
    }

    int remaining() {
        return in.remaining();
    }

    /** "GetString": the length excludes the NUL, which must follow; length + 1 bytes are consumed. */
    String string(long length, String field) throws VixException {
        if (length >= in.remaining()) {
            throw body(field + " length " + length + " runs past the body");
        }
        int n = (int) length;
        if (in.get(in.position() + n) != 0) {
            throw body(field + " is not NUL-terminated");
        }
        String s = decode(n, field);
        in.get();
        return s;
    }

    /** "GetOptionalString": the length includes the NUL; 0 means absent (null). */
    String optionalString(long length, String field) throws VixException {
        if (length == 0) {
            return null;
        }
        return string(length - 1, field);
    }

    /** {@code count} NUL-terminated strings that must fill exactly {@code totalLength} bytes. */
    List<String> stringArray(long count, long totalLength, String field) throws VixException {
        if (totalLength > in.remaining() || count > totalLength) {
            throw body(field + ": " + count + " strings in " + totalLength + " bytes do not fit the body");
        }
        int end = in.position() + (int) totalLength;
        List<String> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            int nul = indexOfNul(end);
            if (nul < 0) {
                throw body(field + " string " + i + " is not NUL-terminated");
            }
            out.add(decode(nul - in.position(), field));
            in.get();
        }
        if (in.position() != end) {
            throw body(field + " has " + (end - in.position()) + " bytes of trailing garbage");
        }
        return List.copyOf(out);
    }

    ByteBuffer bytes(long length, String field) throws VixException {
        if (length > in.remaining()) {
            throw body(field + " length " + length + " runs past the body");
        }
        ByteBuffer out = in.slice(in.position(), (int) length);
        in.position(in.position() + (int) length);
        return out;
    }

    void skip(long length, String field) throws VixException {
        bytes(length, field);
    }

    /** For ops whose body open-vm-tools checks to the byte. */
    void requireEnd(String op) throws VixException {
        if (in.hasRemaining()) {
            throw body(op + " body has " + in.remaining() + " unexpected trailing bytes");
        }
    }

    private int indexOfNul(int end) {
        for (int i = in.position(); i < end; i++) {
            if (in.get(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    private String decode(int n, String field) throws VixException {
        ByteBuffer raw = in.slice(in.position(), n);
        for (int i = 0; i < n; i++) {
            if (raw.get(i) == 0) {
                throw body(field + " has an embedded NUL before its counted end");
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(raw);
            in.position(in.position() + n);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new VixException(VixError.INVALID_UTF8_STRING, field + " is not valid UTF-8");
        }
    }

    private static VixException body(String why) {
        return new VixException(VixError.INVALID_MESSAGE_BODY, why);
    }
}
