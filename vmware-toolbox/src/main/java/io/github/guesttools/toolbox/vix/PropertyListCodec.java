package io.github.guesttools.toolbox.vix;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes VIX property lists: concatenated {@code i32 id, i32 type, i32 length, value}. */
public final class PropertyListCodec {
    static final int TYPE_INTEGER = 1;
    static final int TYPE_STRING = 2;
    static final int TYPE_BOOL = 3;
    static final int TYPE_INT64 = 5;
    static final int TYPE_BLOB = 6;

    private PropertyListCodec() {}

    /**
     * @param properties the entries, in wire order
     * @return the encoded list
     */
    public static byte[] encode(List<? extends Property> properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Property p : properties) {
            int type;
            byte[] value;
            if (p instanceof Property.IntValue v) {
                type = TYPE_INTEGER;
                value = le(4).putInt(v.value()).array();
            } else if (p instanceof Property.StringValue v) {
                type = TYPE_STRING;
                value = nulTerminated(v.value());
            } else if (p instanceof Property.BoolValue v) {
                type = TYPE_BOOL;
                value = new byte[] {(byte) (v.value() ? 1 : 0)};
            } else if (p instanceof Property.Int64Value v) {
                type = TYPE_INT64;
                value = le(8).putLong(v.value()).array();
            } else {
                ByteBuffer b = ((Property.BlobValue) p).value();
                type = TYPE_BLOB;
                value = new byte[b.remaining()];
                b.get(value);
            }
            out.writeBytes(
                    le(12).putInt(p.id()).putInt(type).putInt(value.length).array());
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    /**
     * @param list the encoded list
     * @return its entries in order
     * @throws VixException {@link VixError#UNRECOGNIZED_PROPERTY} for types 0, 4 or unknown,
     *         {@link VixError#INVALID_MESSAGE_BODY} for lengths that do not fit
     */
    public static List<Property> decode(ByteBuffer list) throws VixException {
        ByteBuffer in = list.slice().order(ByteOrder.LITTLE_ENDIAN);
        List<Property> out = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < 12) {
                throw body("truncated property entry");
            }
            int id = in.getInt();
            int type = in.getInt();
            long length = Integer.toUnsignedLong(in.getInt());
            if (length > in.remaining()) {
                throw body("property " + id + " length " + length + " runs past the list");
            }
            ByteBuffer value = in.slice(in.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
            in.position(in.position() + (int) length);
            out.add(
                    switch (type) {
                        case TYPE_INTEGER ->
                            new Property.IntValue(id, fixed(value, 4, id).getInt());
                        case TYPE_STRING -> new Property.StringValue(id, string(value, id));
                        case TYPE_BOOL ->
                            new Property.BoolValue(id, fixed(value, 1, id).get() != 0);
                        case TYPE_INT64 ->
                            new Property.Int64Value(id, fixed(value, 8, id).getLong());
                        case TYPE_BLOB -> new Property.BlobValue(id, value);
                        default ->
                            throw new VixException(
                                    VixError.UNRECOGNIZED_PROPERTY, "property " + id + " has type " + type);
                    });
        }
        return out;
    }

    private static ByteBuffer fixed(ByteBuffer value, int size, int id) throws VixException {
        if (value.remaining() != size) {
            throw body("property " + id + " has length " + value.remaining() + ", expected " + size);
        }
        return value;
    }

    private static String string(ByteBuffer value, int id) throws VixException {
        int n = value.remaining();
        if (n == 0 || value.get(n - 1) != 0) {
            throw body("string property " + id + " is not NUL-terminated");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(value.limit(n - 1))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new VixException(VixError.INVALID_UTF8_STRING, "string property " + id + " is not UTF-8");
        }
    }

    private static byte[] nulTerminated(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static VixException body(String why) {
        return new VixException(VixError.INVALID_MESSAGE_BODY, why);
    }
}
