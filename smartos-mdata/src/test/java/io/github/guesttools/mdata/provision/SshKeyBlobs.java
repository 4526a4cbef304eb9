package io.github.guesttools.mdata.provision;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** Writes OpenSSH public key blobs (RFC 4251 wire encoding) for tests, good ones and broken ones. */
final class SshKeyBlobs {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SshKeyBlobs string(byte[] b) {
        return length(b.length).raw(b);
    }

    SshKeyBlobs string(String s) {
        return string(s.getBytes(StandardCharsets.US_ASCII));
    }

    SshKeyBlobs mpint(BigInteger n) {
        return string(n.toByteArray());
    }

    SshKeyBlobs length(long n) {
        return raw(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }

    SshKeyBlobs raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] rsa(RSAPublicKey key) {
        return new SshKeyBlobs()
                .string("ssh-rsa")
                .mpint(key.getPublicExponent())
                .mpint(key.getModulus())
                .bytes();
    }

    /** The 32-byte RFC 8032 encoding: y little-endian, x's parity in the top bit. */
    static byte[] ed25519Point(EdECPublicKey key) {
        byte[] le = new byte[32];
        byte[] be = key.getPoint().getY().toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            le[31] |= (byte) 0x80;
        }
        return le;
    }

    static byte[] ed25519(EdECPublicKey key) {
        return new SshKeyBlobs().string("ssh-ed25519").string(ed25519Point(key)).bytes();
    }

    static String line(String type, byte[] blob) {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }
}
