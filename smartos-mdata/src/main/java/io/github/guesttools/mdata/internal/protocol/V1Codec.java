package io.github.guesttools.mdata.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * V1 data blocks: the host doubles a leading {@code .} on every line of a value and ends the block
 * with a line holding a single {@code .}; the client removes one leading dot per line.
 */
public final class V1Codec {
    /** The header line of a successful V1 reply. */
    public static final String SUCCESS = "SUCCESS";
    /** The V1 header of a missing key. */
    public static final String NOTFOUND = "NOTFOUND";
    /** The V1 header of any error. */
    public static final String FAILURE = "FAILURE";
    /** The reply to an empty or malformed line, and to the resynchronisation probe. */
    public static final String INVALID_COMMAND = "invalid command";
    /** The reply to {@code NEGOTIATE V2}. */
    public static final String V2_OK = "V2_OK";

    private V1Codec() {}

    /**
     * Returns {@code SUCCESS\n}, the dot-stuffed value, and {@code \n.\n}: the whole V1 reply for a
     * value.
     */
    public static byte[] encodeSuccess(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 16);
        out.writeBytes(new byte[] {'S', 'U', 'C', 'C', 'E', 'S', 'S', '\n'});
        boolean lineStart = true;
        for (byte b : value) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        out.writeBytes(new byte[] {'\n', '.', '\n'});
        return out.toByteArray();
    }

    /** True when {@code line} (without LF, maybe with a trailing CR) is the block terminator. */
    public static boolean isTerminator(byte[] line) {
        return (line.length == 1 && line[0] == '.') || (line.length == 2 && line[0] == '.' && line[1] == '\r');
    }

    /**
     * Joins received data lines (without terminator) with LF, removing one leading dot from each.
     * Unlike mdata-client, leading empty lines are kept.
     */
    public static byte[] decodeData(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write('\n');
            }
            byte[] line = lines.get(i);
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
            out.write(line, skip, line.length - skip);
        }
        return out.toByteArray();
    }
}
