package io.github.guesttools.toolbox.vix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Host-side message building for tests: what the VMX would send. */
public final class TestMessages {
    private TestMessages() {}

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
        return VixRequestEncoder.message(op, body, credential, credentialType, commonFlags);
    }

    public static byte[] credential(String user, String password) {
        return VixRequestEncoder.namePassword(user, password);
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
        return VixRequestEncoder.listFilesBody(path, pattern, index, maxResults, offset);
    }
}
