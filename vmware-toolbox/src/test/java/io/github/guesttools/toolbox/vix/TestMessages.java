package io.github.guesttools.toolbox.vix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Host-side message building for tests: what the VMX would send. */
public final class TestMessages {
    private TestMessages() {
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestMessages.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes after the TCLO command name: {@code "reqname"} NUL + message. */
    public static byte[] relayed(int op, byte[] body, byte[] credential, int credentialType, int commonFlags) {
        return framed(message(op, body, credential, credentialType, commonFlags));
    }

    public static byte[] relayed(int op, byte[] body, String user, String password) {
        return relayed(op, body, credential(user, password), UserCredential.NAME_PASSWORD, 0x01);
    }

    public static byte[] framed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("\"reqname\"".getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.writeBytes(message);
        return out.toByteArray();
    }

    public static byte[] message(int op, byte[] body, byte[] credential, int credentialType, int commonFlags) {
        ByteBuffer b = ByteBuffer.allocate(51 + body.length + credential.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VixHeader.MAGIC).putShort((short) 5).putInt(b.capacity()).putInt(51).putInt(body.length)
                .putInt(credential.length).put((byte) commonFlags).putInt(op).putInt(0).putInt(-1)
                .putLong(0x1122334455667788L).putInt(0).putInt(credentialType);
        b.put(body).put(credential);
        return b.array();
    }

    public static byte[] credential(String user, String password) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] plain = new byte[u.length + p.length + 2];
        System.arraycopy(u, 0, plain, 0, u.length);
        System.arraycopy(p, 0, plain, u.length + 1, p.length);
        byte[] b64 = Base64.getEncoder().encode(plain);
        ByteBuffer b = ByteBuffer.allocate(8 + b64.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(u.length).putInt(p.length).put(b64).put((byte) 0);
        return b.array();
    }

    /** Little-endian body builder. */
    public static final class Body {
        private final ByteBuffer b = ByteBuffer.allocate(70000).order(ByteOrder.LITTLE_ENDIAN);

        public Body i32(int v) {
            b.putInt(v);
            return this;
        }

        public Body i64(long v) {
            b.putLong(v);
            return this;
        }

        public Body u8(int v) {
            b.put((byte) v);
            return this;
        }

        public Body bytes(byte[] v) {
            b.put(v);
            return this;
        }

        /** A string followed by its NUL. */
        public Body str(String s) {
            b.put(s.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
            return this;
        }

        public byte[] build() {
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** ListFiles / TransferFromGuest body the way the VMX encodes it (lengths exclude the NUL). */
    public static byte[] listFilesBody(String path, String pattern, int index, int maxResults, long offset) {
        Body b = new Body().i32(0).i32(utf8Length(path)).i32(pattern == null ? 0 : utf8Length(pattern))
                .i32(index).i32(maxResults).i64(offset).str(path);
        if (pattern != null) {
            b.str(pattern);
        }
        return b.build();
    }
}
