package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the {@code Vix_1_Relayed_Command} arguments ({@code "name"} NUL message) and validates
 * the header as open-vm-tools does; every malformation is a {@link VixException}, never anything
 * else.
 */
public final class VixMessageDecoder {
    private VixMessageDecoder() {}

    /**
     * @param args the TCLO arguments after {@code Vix_1_Relayed_Command }; this buffer's position is
     *             not changed
     * @return the message, whose body and credential share the bytes of {@code args}
     * @throws VixException {@link VixError#INVALID_MESSAGE_HEADER} for any framing or header fault
     */
    public static VixMessage decode(ByteBuffer args) throws VixException {
        ByteBuffer in = args.slice().order(ByteOrder.LITTLE_ENDIAN);
        String name = readRequestName(in);
        int start = in.position();
        return decodeMessage(name, in.slice().order(ByteOrder.LITTLE_ENDIAN), start);
    }

    private static String readRequestName(ByteBuffer in) throws VixException {
        if (!in.hasRemaining() || in.get() != '"') {
            throw header("request name is not quoted");
        }
        int start = in.position();
        int end = -1;
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\\' && in.hasRemaining()) {
                in.get();
            } else if (b == '"') {
                end = in.position() - 1;
                break;
            } else if (b == 0) {
                break;
            }
        }
        if (end < 0) {
            throw header("request name is not terminated");
        }
        byte[] raw = new byte[end - start];
        in.get(start, raw);
        while (in.hasRemaining()) {
            if (in.get() == 0) {
                return new String(raw, StandardCharsets.UTF_8).replace("\\\"", "\"");
            }
        }
        throw header("no NUL after the request name");
    }

    static VixMessage decodeMessage(String name, ByteBuffer in, int start) throws VixException {
        int available = in.remaining();
        if (available < VixHeader.COMMON_SIZE) {
            throw header("message of " + available + " bytes is shorter than the common header");
        }
        int magic = in.getInt(0);
        int version = Short.toUnsignedInt(in.getShort(4));
        long total = Integer.toUnsignedLong(in.getInt(6));
        long headerLength = Integer.toUnsignedLong(in.getInt(10));
        long bodyLength = Integer.toUnsignedLong(in.getInt(14));
        long credentialLength = Integer.toUnsignedLong(in.getInt(18));
        if (magic != VixHeader.MAGIC) {
            throw header("bad magic 0x" + Integer.toHexString(magic));
        }
        if (version != VixHeader.MESSAGE_VERSION) {
            throw header("message version " + version);
        }
        if (total > VixHeader.MAX_MESSAGE_SIZE) {
            throw header("total length " + total + " exceeds 16 MiB");
        }
        if (headerLength != VixHeader.SIZE) {
            throw header("header length " + headerLength);
        }
        if (available < VixHeader.SIZE) {
            throw header("message of " + available + " bytes is shorter than the request header");
        }
        int requestFlags = in.getInt(27);
        int authData = (requestFlags & VixHeader.INCLUDES_AUTH_DATA_V1) != 0 ? VixHeader.AUTH_DATA_V1_SIZE : 0;
        // Each length is at most 2^32 - 1, so the sum cannot overflow a long.
        long declared = headerLength + bodyLength + credentialLength + authData;
        if (declared != total) {
            throw header("lengths add up to " + declared + ", total says " + total);
        }
        if (total > available) {
            throw header("message truncated: " + available + " of " + total + " bytes");
        }
        VixHeader h = new VixHeader(
                version,
                total,
                headerLength,
                bodyLength,
                credentialLength,
                Byte.toUnsignedInt(in.get(22)),
                in.getInt(23),
                requestFlags,
                Integer.toUnsignedLong(in.getInt(31)),
                in.getLong(35),
                Integer.toUnsignedLong(in.getInt(43)),
                in.getInt(47));
        int bodyStart = VixHeader.SIZE;
        int credentialStart = bodyStart + (int) bodyLength;
        ByteBuffer body = in.slice(bodyStart, (int) bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer credential =
                in.slice(credentialStart, (int) credentialLength).order(ByteOrder.LITTLE_ENDIAN);
        return new VixMessage(name, h, body, credential, start + credentialStart);
    }

    private static VixException header(String why) {
        return new VixException(VixError.INVALID_MESSAGE_HEADER, why);
    }
}
