package io.github.guesttools.mdata.provision;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire encoding (RFC 4251 section 5) of a public key blob that a host sent. Every
 * length is checked against the bytes that remain before anything is copied, so a lying or huge
 * length costs nothing; every failure is an {@link InvalidKeyException} with a reason.
 */
final class SshBlobReader {
    /** OpenSSH's own bound on a multiple-precision integer (SSHBUF_MAX_BIGNUM: 16384 bits). */
    static final int MAX_MPINT_BYTES = 16384 / 8 + 1;

    private final byte[] blob;
    private int pos;

    SshBlobReader(byte[] blob) {
        this.blob = blob;
    }

    /** A length-prefixed byte string of at most {@code max} bytes. */
    byte[] bytes(String what, int max) throws InvalidKeyException {
        if (blob.length - pos < 4) {
            throw new InvalidKeyException("truncated before the length of the " + what);
        }
        long n = ((blob[pos] & 0xffL) << 24)
                | ((blob[pos + 1] & 0xff) << 16)
                | ((blob[pos + 2] & 0xff) << 8)
                | (blob[pos + 3] & 0xff);
        pos += 4;
        if (n > blob.length - pos) {
            throw new InvalidKeyException(
                    "the " + what + " claims " + n + " bytes, " + (blob.length - pos) + " remain");
        }
        if (n > max) {
            throw new InvalidKeyException("the " + what + " is longer than " + max + " bytes");
        }
        byte[] out = Arrays.copyOfRange(blob, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    /** A length-prefixed US-ASCII name (a key type, a curve name) of at most 64 bytes. */
    String name(String what) throws InvalidKeyException {
        byte[] b = bytes(what, 64);
        for (byte c : b) {
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidKeyException("the " + what + " is not a printable name");
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A positive mpint, minimally encoded as OpenSSH writes it. */
    BigInteger positive(String what) throws InvalidKeyException {
        byte[] b = bytes(what, MAX_MPINT_BYTES);
        if (b.length == 0 || (b[0] & 0x80) != 0) {
            throw new InvalidKeyException("the " + what + " is not positive");
        }
        if (b[0] == 0 && (b.length == 1 || (b[1] & 0x80) == 0)) {
            throw new InvalidKeyException("the " + what + " has a needless leading zero");
        }
        return new BigInteger(1, b);
    }

    /** Fails unless every byte of the blob was read. */
    void end() throws InvalidKeyException {
        if (pos != blob.length) {
            throw new InvalidKeyException((blob.length - pos) + " bytes after the key");
        }
    }

    /** Why a key blob is not a usable public key; thrown only within this package, never out of it. */
    static final class InvalidKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKeyException(String reason) {
            super(reason, null, false, false);
        }
    }
}
