package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.provision.SshBlobReader.InvalidKeyException;
import io.github.guesttools.mdata.provision.SshCurves.Nist;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * Checks an OpenSSH public key blob (the base64 field of an {@code authorized_keys} line) the way
 * sshd would load it: {@code ssh-rsa}, {@code ssh-dss}, {@code ecdsa-sha2-nistp256/384/521},
 * {@code ssh-ed25519} and the security-key forms {@code sk-ecdsa-sha2-nistp256@openssh.com} and
 * {@code sk-ssh-ed25519@openssh.com}. Certificates and other types are refused. RSA and DSA keys
 * are also built with the JDK's {@link KeyFactory}; curve points are checked by {@link SshCurves}.
 *
 * <p>Written here instead of using BouncyCastle's {@code OpenSSHPublicKeyUtil}, which was this
 * module's only use of a 7.3 MB jar in every guest image.
 */
final class OpenSshPublicKey {
    private OpenSshPublicKey() {}

    /** OpenSSH's bounds for RSA moduli (SSH_RSA_MINIMUM_MODULUS_SIZE, SSHBUF_MAX_BIGNUM). */
    static final int RSA_MIN_BITS = 1024;

    static final int RSA_MAX_BITS = 16384;

    /** Returns null when {@code blob} is a valid public key, else the reason it is not. */
    static String problem(byte[] blob) {
        try {
            check(new SshBlobReader(blob));
            return null;
        } catch (InvalidKeyException e) {
            return e.getMessage();
        }
    }

    private static void check(SshBlobReader in) throws InvalidKeyException {
        String type = in.name("key type");
        switch (type) {
            case "ssh-rsa":
                rsa(in);
                break;
            case "ssh-dss":
                dsa(in);
                break;
            case "ecdsa-sha2-nistp256":
            case "ecdsa-sha2-nistp384":
            case "ecdsa-sha2-nistp521":
                ecdsa(in, type.substring("ecdsa-sha2-".length()));
                break;
            case "sk-ecdsa-sha2-nistp256@openssh.com":
                ecdsa(in, "nistp256");
                in.bytes("application", Integer.MAX_VALUE);
                break;
            case "ssh-ed25519":
                SshCurves.checkEd25519(in.bytes("Ed25519 key", 32));
                break;
            case "sk-ssh-ed25519@openssh.com":
                SshCurves.checkEd25519(in.bytes("Ed25519 key", 32));
                in.bytes("application", Integer.MAX_VALUE);
                break;
            default:
                throw new InvalidKeyException("unsupported key type " + type);
        }
        in.end();
    }

    private static void rsa(SshBlobReader in) throws InvalidKeyException {
        BigInteger e = in.positive("RSA exponent");
        BigInteger n = in.positive("RSA modulus");
        if (n.bitLength() < RSA_MIN_BITS || n.bitLength() > RSA_MAX_BITS) {
            throw new InvalidKeyException("an RSA modulus of " + n.bitLength() + " bits (sshd takes " + RSA_MIN_BITS
                    + " to " + RSA_MAX_BITS + ")");
        }
        if (!n.testBit(0) || !e.testBit(0) || e.bitLength() < 2 || e.compareTo(n) >= 0) {
            throw new InvalidKeyException("the RSA modulus or exponent is not a possible one");
        }
        build("RSA", new RSAPublicKeySpec(n, e));
    }

    /** OpenSSH only loads 1024-bit DSA keys with a 160-bit subgroup (FIPS 186-2). */
    private static void dsa(SshBlobReader in) throws InvalidKeyException {
        BigInteger p = in.positive("DSA p");
        BigInteger q = in.positive("DSA q");
        BigInteger g = in.positive("DSA g");
        BigInteger y = in.positive("DSA y");
        if (p.bitLength() != 1024 || q.bitLength() != 160) {
            throw new InvalidKeyException("DSA keys are 1024/160 bits, not " + p.bitLength() + "/" + q.bitLength());
        }
        if (!p.testBit(0)
                || g.compareTo(BigInteger.ONE) <= 0
                || g.compareTo(p) >= 0
                || y.compareTo(BigInteger.ONE) <= 0
                || y.compareTo(p) >= 0
                || !y.modPow(q, p).equals(BigInteger.ONE)) {
            throw new InvalidKeyException("the DSA key is not in its group");
        }
        build("DSA", new DSAPublicKeySpec(y, p, q, g));
    }

    private static void ecdsa(SshBlobReader in, String curveName) throws InvalidKeyException {
        String inner = in.name("curve name");
        if (!inner.equals(curveName)) {
            throw new InvalidKeyException("the curve " + inner + " does not match the key type's " + curveName);
        }
        Nist curve = SshCurves.nist(curveName);
        SshCurves.checkNistPoint(curve, in.bytes("EC point", 1 + 2 * curve.fieldBytes()));
    }

    private static void build(String algorithm, KeySpec spec) throws InvalidKeyException {
        try {
            KeyFactory.getInstance(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyException("the JDK refuses the " + algorithm + " key: " + e.getMessage());
        }
    }
}
