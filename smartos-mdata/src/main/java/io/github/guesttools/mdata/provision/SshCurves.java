package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.provision.SshBlobReader.InvalidKeyException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Checks that a public point lies on its curve: the NIST prime curves of {@code ecdsa-sha2-nistp*}
 * (RFC 5656; parameters from FIPS 186-4 / SEC 2) and edwards25519 (RFC 8032). The runtime in the
 * image has no {@code jdk.crypto.ec}, and the JDK's key factories do not check points anyway, so
 * the check is the curve equation itself.
 */
final class SshCurves {
    private SshCurves() {}

    private static final BigInteger TWO = BigInteger.valueOf(2);
    private static final BigInteger THREE = BigInteger.valueOf(3);

    /** A short-Weierstrass curve y^2 = x^3 + ax + b over GF(p), a = -3 for every NIST curve. */
    record Nist(String name, int fieldBytes, BigInteger p, BigInteger b) {
        BigInteger a() {
            return p.subtract(THREE);
        }
    }

    static final Nist P256 = new Nist(
            "nistp256",
            32,
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16),
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16));
    static final Nist P384 = new Nist(
            "nistp384",
            48,
            TWO.pow(384)
                    .subtract(TWO.pow(128))
                    .subtract(TWO.pow(96))
                    .add(TWO.pow(32))
                    .subtract(BigInteger.ONE),
            new BigInteger(
                    "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
                            + "c656398d8a2ed19d2a85c8edd3ec2aef",
                    16));
    static final Nist P521 = new Nist(
            "nistp521",
            66,
            TWO.pow(521).subtract(BigInteger.ONE),
            new BigInteger(
                    "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef1"
                            + "09e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
                    16));

    /** The NIST curve with OpenSSH's name, or null. */
    static Nist nist(String name) {
        switch (name) {
            case "nistp256":
                return P256;
            case "nistp384":
                return P384;
            case "nistp521":
                return P521;
            default:
                return null;
        }
    }

    /** Checks an uncompressed SEC 1 point (0x04 || x || y), the only form OpenSSH accepts. */
    static void checkNistPoint(Nist curve, byte[] point) throws InvalidKeyException {
        if (point.length != 1 + 2 * curve.fieldBytes() || point[0] != 4) {
            throw new InvalidKeyException("the point is not an uncompressed " + curve.name() + " point");
        }
        BigInteger p = curve.p();
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + curve.fieldBytes()));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + curve.fieldBytes(), point.length));
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new InvalidKeyException("a coordinate is not below the field prime");
        }
        BigInteger right = x.pow(3).add(curve.a().multiply(x)).add(curve.b()).mod(p);
        if (!y.multiply(y).mod(p).equals(right)) {
            throw new InvalidKeyException("the point is not on " + curve.name());
        }
    }

    private static final BigInteger ED_P = TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** d = -121665 / 121666 mod p (RFC 8032 section 5.1). */
    private static final BigInteger ED_D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(ED_P))
            .mod(ED_P);

    /**
     * Checks a 32-byte Ed25519 public key (RFC 8032 section 5.1.3): y below p, and x^2 = (y^2 - 1) /
     * (d y^2 + 1) has a root (a square, by Euler's criterion), which is non-zero when the sign bit is set.
     */
    static void checkEd25519(byte[] key) throws InvalidKeyException {
        if (key.length != 32) {
            throw new InvalidKeyException("an Ed25519 key has 32 bytes, not " + key.length);
        }
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = key[31 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        BigInteger y = new BigInteger(1, be);
        if (y.compareTo(ED_P) >= 0) {
            throw new InvalidKeyException("the Ed25519 y coordinate is not below the field prime");
        }
        BigInteger y2 = y.multiply(y).mod(ED_P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(ED_P);
        BigInteger v = ED_D.multiply(y2).add(BigInteger.ONE).mod(ED_P);
        BigInteger x2 = u.multiply(v.modInverse(ED_P)).mod(ED_P);
        if (x2.signum() == 0) {
            if (xOdd) {
                throw new InvalidKeyException("the Ed25519 point has x = 0 with the sign bit set");
            }
            return;
        }
        if (!x2.modPow(ED_P.subtract(BigInteger.ONE).shiftRight(1), ED_P).equals(BigInteger.ONE)) {
            throw new InvalidKeyException("the Ed25519 point is not on the curve");
        }
    }
}
