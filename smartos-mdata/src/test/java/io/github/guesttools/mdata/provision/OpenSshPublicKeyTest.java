package io.github.guesttools.mdata.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real keys from {@code ssh-keygen} (openssh-client, installed by install-build-deps.sh) of every
 * type sshd loads, and hostile blobs: lying, huge and truncated lengths, trailing bytes, points off
 * their curve, keys sshd refuses.
 */
class OpenSshPublicKeyTest {
    @TempDir
    Path dir;

    /** Runs ssh-keygen and returns the .pub line it wrote. */
    private String keygen(String... args) throws Exception {
        Path key = dir.resolve("k" + System.nanoTime());
        List<String> command =
                new ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", "test@example", "-f", key.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ssh-keygen finished").isTrue();
        assertThat(p.exitValue()).as("ssh-keygen %s: %s", command, out).isZero();
        return Files.readString(Path.of(key + ".pub")).strip();
    }

    private static byte[] blob(String line) {
        return Base64.getDecoder().decode(line.split(" ")[1]);
    }

    private static String problem(byte[] blob) {
        return OpenSshPublicKey.problem(blob);
    }

    @Test
    void everyKeyTypeSshKeygenMakesIsAccepted() throws Exception {
        List<String> lines = List.of(
                keygen("-t", "rsa", "-b", "1024"),
                keygen("-t", "rsa", "-b", "3072"),
                keygen("-t", "rsa", "-b", "4096"),
                keygen("-t", "dsa"),
                keygen("-t", "ecdsa", "-b", "256"),
                keygen("-t", "ecdsa", "-b", "384"),
                keygen("-t", "ecdsa", "-b", "521"),
                keygen("-t", "ed25519"));
        assertThat(lines)
                .extracting(l -> l.split(" ")[0])
                .containsExactly(
                        "ssh-rsa",
                        "ssh-rsa",
                        "ssh-rsa",
                        "ssh-dss",
                        "ecdsa-sha2-nistp256",
                        "ecdsa-sha2-nistp384",
                        "ecdsa-sha2-nistp521",
                        "ssh-ed25519");
        for (String line : lines) {
            assertThat(AuthorizedKeyLine.problem(line)).as(line).isNull();
            assertThat(AuthorizedKeyLine.problem("no-pty,command=\"echo a b\" " + line))
                    .as(line)
                    .isNull();
        }
    }

    @Test
    void securityKeysAreAccepted() throws Exception {
        // Making an sk key needs a FIDO token; its public blob is the plain key's with the type renamed
        // and the application string appended (PROTOCOL.u2f).
        byte[] ec = blob(keygen("-t", "ecdsa", "-b", "256"));
        SshBlobReader in = new SshBlobReader(ec);
        in.name("type");
        byte[] sk = new SshKeyBlobs()
                .string("sk-ecdsa-sha2-nistp256@openssh.com")
                .string(in.bytes("curve", 64))
                .string(in.bytes("point", 65))
                .string("ssh:")
                .bytes();
        assertThat(AuthorizedKeyLine.problem(SshKeyBlobs.line("sk-ecdsa-sha2-nistp256@openssh.com", sk)))
                .isNull();

        byte[] ed = blob(keygen("-t", "ed25519"));
        byte[] skEd = new SshKeyBlobs()
                .string("sk-ssh-ed25519@openssh.com")
                .raw(Arrays.copyOfRange(ed, 4 + "ssh-ed25519".length(), ed.length))
                .string("ssh:")
                .bytes();
        assertThat(AuthorizedKeyLine.problem(SshKeyBlobs.line("sk-ssh-ed25519@openssh.com", skEd)))
                .isNull();
        assertThat(problem(Arrays.copyOf(skEd, skEd.length - 8))).contains("application");
    }

    @Test
    void manyJdkKeysAreAccepted() throws Exception {
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 200; i++) {
            assertThat(problem(SshKeyBlobs.ed25519(
                            (EdECPublicKey) ed.generateKeyPair().getPublic())))
                    .isNull();
        }
    }

    @Test
    void theCurveConstantsAreTheJdks() throws Exception {
        for (var c : List.of(
                List.of("secp256r1", SshCurves.P256),
                List.of("secp384r1", SshCurves.P384),
                List.of("secp521r1", SshCurves.P521))) {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec((String) c.get(0)));
            ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
            SshCurves.Nist ours = (SshCurves.Nist) c.get(1);
            assertThat(((ECFieldFp) spec.getCurve().getField()).getP()).isEqualTo(ours.p());
            assertThat(spec.getCurve().getA()).isEqualTo(ours.a());
            assertThat(spec.getCurve().getB()).isEqualTo(ours.b());
            assertThat((spec.getCurve().getField().getFieldSize() + 7) / 8).isEqualTo(ours.fieldBytes());
        }
    }

    @Test
    void lyingHugeAndTruncatedLengthsAreRefused() throws Exception {
        byte[] rsa = blob(keygen("-t", "rsa", "-b", "2048"));
        assertThat(problem(Arrays.copyOf(rsa, rsa.length - 1))).contains("claims");
        assertThat(problem(Arrays.copyOf(rsa, 2))).contains("truncated");
        assertThat(problem(new byte[0])).contains("truncated");
        byte[] rsaTail = Arrays.copyOf(rsa, rsa.length + 1);
        assertThat(problem(rsaTail)).contains("1 bytes after the key");
        for (long lie : List.of(0x7fffffffL, 0xffffffffL, 0x80000000L, 33L)) {
            byte[] b = new SshKeyBlobs()
                    .string("ssh-ed25519")
                    .length(lie)
                    .raw(new byte[32])
                    .bytes();
            assertThat(problem(b)).as("length %s", lie).contains("claims");
        }
        byte[] hugeModulus = new byte[SshBlobReader.MAX_MPINT_BYTES + 1];
        hugeModulus[1] = 1;
        assertThat(problem(new SshKeyBlobs()
                        .string("ssh-rsa")
                        .mpint(BigInteger.valueOf(65537))
                        .string(hugeModulus)
                        .bytes()))
                .contains("longer than");
        assertThat(problem(new SshKeyBlobs()
                        .string("ssh-ed25519")
                        .string(new byte[31])
                        .bytes()))
                .contains("32 bytes");
        assertThat(problem(new SshKeyBlobs().length(70).raw(new byte[70]).bytes()))
                .contains("longer than 64");
    }

    @Test
    void rsaKeysSshdWouldRefuseAreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        assertThat(problem(SshKeyBlobs.rsa((RSAPublicKey) g.generateKeyPair().getPublic())))
                .contains("512 bits");
        g.initialize(2048);
        RSAPublicKey key = (RSAPublicKey) g.generateKeyPair().getPublic();
        BigInteger n = key.getModulus();
        BigInteger e = key.getPublicExponent();
        assertThat(problem(rsa(e, n))).isNull();
        assertThat(problem(rsa(e, n.add(BigInteger.ONE)))).contains("not a possible");
        assertThat(problem(rsa(BigInteger.ONE, n))).contains("not a possible");
        assertThat(problem(rsa(BigInteger.valueOf(65536), n))).contains("not a possible");
        byte[] negative = new SshKeyBlobs()
                .string("ssh-rsa")
                .string(new byte[] {(byte) 0x81})
                .mpint(n)
                .bytes();
        assertThat(problem(negative)).contains("not positive");
        byte[] padded = new SshKeyBlobs()
                .string("ssh-rsa")
                .string(new byte[] {0, 1, 0, 1})
                .mpint(n)
                .bytes();
        assertThat(problem(padded)).contains("leading zero");
    }

    private static byte[] rsa(BigInteger e, BigInteger n) {
        return new SshKeyBlobs().string("ssh-rsa").mpint(e).mpint(n).bytes();
    }

    @Test
    void curvePointsOffTheirCurveAreRefused() throws Exception {
        byte[] ec = blob(keygen("-t", "ecdsa", "-b", "384"));
        assertThat(problem(ec)).isNull();
        byte[] off = ec.clone();
        off[off.length - 1] ^= 1;
        assertThat(problem(off)).contains("not on nistp384");
        byte[] renamed = ec.clone();
        int at = 4 + "ecdsa-sha2-nistp384".length() + 4 + "nistp".length();
        renamed[at] = '2';
        renamed[at + 1] = '5';
        renamed[at + 2] = '6';
        assertThat(problem(renamed)).contains("does not match");
        byte[] compressed = new SshKeyBlobs()
                .string("ecdsa-sha2-nistp256")
                .string("nistp256")
                .string(new byte[33])
                .bytes();
        compressed[compressed.length - 33] = 2;
        assertThat(problem(compressed)).contains("uncompressed");
        byte[] bigX = new byte[65];
        Arrays.fill(bigX, (byte) 0xff);
        bigX[0] = 4;
        assertThat(problem(new SshKeyBlobs()
                        .string("ecdsa-sha2-nistp256")
                        .string("nistp256")
                        .string(bigX)
                        .bytes()))
                .contains("below the field prime");
        assertThat(problem(new SshKeyBlobs()
                        .string("ecdsa-sha2-nistp192")
                        .string("nistp192")
                        .string(new byte[49])
                        .bytes()))
                .contains("unsupported key type");

        assertThat(problem(ed25519(ed25519Y(BigInteger.ONE, true)))).contains("x = 0");
        assertThat(problem(ed25519(ed25519Y(BigInteger.ONE, false)))).isNull();
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xff);
        max[31] = 0x7f;
        assertThat(problem(ed25519(max))).contains("below the field prime");
        assertThat(problem(ed25519(ed25519Y(firstYOffTheCurve(), false)))).contains("not on the curve");
    }

    /** The smallest y for which (y^2 - 1) / (d y^2 + 1) is not a square mod p: no point has it. */
    private static BigInteger firstYOffTheCurve() {
        BigInteger p = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        BigInteger d = BigInteger.valueOf(-121665)
                .multiply(BigInteger.valueOf(121666).modInverse(p))
                .mod(p);
        for (BigInteger y = BigInteger.TWO; ; y = y.add(BigInteger.ONE)) {
            BigInteger y2 = y.multiply(y);
            BigInteger x2 = y2.subtract(BigInteger.ONE)
                    .multiply(d.multiply(y2).add(BigInteger.ONE).modInverse(p))
                    .mod(p);
            if (x2.modPow(p.shiftRight(1), p).equals(p.subtract(BigInteger.ONE))) {
                return y;
            }
        }
    }

    private static byte[] ed25519Y(BigInteger y, boolean xOdd) {
        byte[] le = new byte[32];
        byte[] be = y.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        if (xOdd) {
            le[31] |= (byte) 0x80;
        }
        return le;
    }

    private static byte[] ed25519(byte[] point) {
        return new SshKeyBlobs().string("ssh-ed25519").string(point).bytes();
    }

    @Test
    void dsaKeysOutsideTheirGroupAreRefused() throws Exception {
        byte[] dsa = blob(keygen("-t", "dsa"));
        SshBlobReader in = new SshBlobReader(dsa);
        in.name("type");
        BigInteger p = in.positive("p");
        BigInteger q = in.positive("q");
        BigInteger g = in.positive("g");
        BigInteger y = in.positive("y");
        assertThat(problem(dsa(p, q, g, y))).isNull();
        assertThat(problem(dsa(p, q, g, y.add(BigInteger.ONE)))).contains("not in its group");
        assertThat(problem(dsa(p, q, BigInteger.ONE, y))).contains("not in its group");
        assertThat(problem(dsa(p.shiftLeft(1).add(BigInteger.ONE), q, g, y))).contains("1024/160");
    }

    private static byte[] dsa(BigInteger p, BigInteger q, BigInteger g, BigInteger y) {
        return new SshKeyBlobs()
                .string("ssh-dss")
                .mpint(p)
                .mpint(q)
                .mpint(g)
                .mpint(y)
                .bytes();
    }

    @Test
    void certificatesAndUnknownTypesAreRefused() throws Exception {
        Path ca = dir.resolve("ca");
        keygen("-t", "ed25519");
        String user = keygen("-t", "ecdsa", "-b", "256");
        Files.writeString(dir.resolve("user.pub"), user + "\n");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", ca.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        p = new ProcessBuilder(
                        "ssh-keygen",
                        "-q",
                        "-s",
                        ca.toString(),
                        "-I",
                        "id",
                        "-n",
                        "root",
                        dir.resolve("user.pub").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        String cert = Files.readString(dir.resolve("user-cert.pub")).strip();
        assertThat(cert).startsWith("ecdsa-sha2-nistp256-cert-v01@openssh.com ");
        assertThat(AuthorizedKeyLine.problem(cert)).contains("unsupported key type");
    }

    @Test
    void randomDamageNeverEscapesAsAnException() throws Exception {
        List<byte[]> good = List.of(
                blob(keygen("-t", "rsa", "-b", "1024")),
                blob(keygen("-t", "dsa")),
                blob(keygen("-t", "ecdsa", "-b", "521")),
                blob(keygen("-t", "ed25519")));
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.get(i % good.size()).clone();
            switch (random.nextInt(3)) {
                case 0:
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 1:
                    b = Arrays.copyOf(b, random.nextInt(b.length + 8));
                    break;
                default:
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    b[random.nextInt(b.length)] = (byte) 0xff;
                    break;
            }
            String result = problem(b);
            assertThat(result == null || !result.isEmpty()).isTrue();
        }
    }
}
