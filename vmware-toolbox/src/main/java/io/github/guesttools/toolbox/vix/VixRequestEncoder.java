package io.github.guesttools.toolbox.vix;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Host-side encoding, as the VMX writes requests: for simulators, tests and benchmarks. String
 * lengths follow the VMX (the NUL is not counted), unlike the govmomi encoder.
 */
public final class VixRequestEncoder {
    private VixRequestEncoder() {}

    /**
     * @param op the op code
     * @param body the op body
     * @param credential the credential block
     * @param credentialType the header's credential type
     * @param commonFlags e.g. {@code 0x01}, or {@code 0x81} for a binary result
     * @return the TCLO arguments: {@code "req"} NUL + header + body + credential
     */
    public static byte[] relayed(int op, byte[] body, byte[] credential, int credentialType, int commonFlags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("\"req\"".getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.writeBytes(message(op, body, credential, credentialType, commonFlags));
        return out.toByteArray();
    }

    /**
     * @param op the op code
     * @param body the op body
     * @param credential the credential block
     * @param credentialType the header's credential type
     * @param commonFlags the header's common flags
     * @return header + body + credential
     */
    public static byte[] message(int op, byte[] body, byte[] credential, int credentialType, int commonFlags) {
        ByteBuffer b = ByteBuffer.allocate(VixHeader.SIZE + body.length + credential.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VixHeader.MAGIC)
                .putShort((short) VixHeader.MESSAGE_VERSION)
                .putInt(b.capacity())
                .putInt(VixHeader.SIZE)
                .putInt(body.length)
                .putInt(credential.length)
                .put((byte) commonFlags)
                .putInt(op)
                .putInt(0)
                .putInt(-1)
                .putLong(0x1122334455667788L)
                .putInt(0)
                .putInt(credentialType);
        return b.put(body).put(credential).array();
    }

    /**
     * @param user the login name
     * @param password the password
     * @return a type-1 credential block: u32 nameLength, u32 passwordLength, base64(name NUL
     *         password NUL), NUL
     */
    public static byte[] namePassword(String user, String password) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] plain = new byte[u.length + p.length + 2];
        System.arraycopy(u, 0, plain, 0, u.length);
        System.arraycopy(p, 0, plain, u.length + 1, p.length);
        byte[] b64 = Base64.getEncoder().encode(plain);
        return ByteBuffer.allocate(8 + b64.length + 1)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(u.length)
                .putInt(p.length)
                .put(b64)
                .put((byte) 0)
                .array();
    }

    /**
     * @param path the directory or file
     * @param pattern a name pattern, or null
     * @param index the first entry wanted
     * @param maxResults the page size
     * @param offset entries of this page already received
     * @return a ListFiles (op 177) or InitiateFileTransferFromGuest (op 188) body
     */
    public static byte[] listFilesBody(String path, String pattern, int index, int maxResults, long offset) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] pat = pattern == null ? new byte[0] : pattern.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(28 + p.length + 1 + (pattern == null ? 0 : pat.length + 1))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0)
                .putInt(p.length)
                .putInt(pattern == null ? 0 : pat.length)
                .putInt(index)
                .putInt(maxResults)
                .putLong(offset)
                .put(p)
                .put((byte) 0);
        if (pattern != null) {
            b.put(pat).put((byte) 0);
        }
        return b.array();
    }
}
