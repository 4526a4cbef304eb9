package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A name/password credential (types 1 and 4). The password stays a byte array that
 * {@link #close()} zeroes; it is never part of {@link #toString()}.
 */
public final class UserCredential implements AutoCloseable {
    /** {@code VIX_USER_CREDENTIAL_NAME_PASSWORD}, what the VMX sends for vSphere. */
    public static final int NAME_PASSWORD = 1;
    /** {@code VIX_USER_CREDENTIAL_NAME_PASSWORD_OBFUSCATED}: the same block. */
    public static final int NAME_PASSWORD_OBFUSCATED = 4;

    private final String name;
    private final byte[] password;

    private UserCredential(String name, byte[] password) {
        this.name = name;
        this.password = password;
    }

    /** @return the user name */
    public String name() {
        return name;
    }

    /** @return the password bytes (UTF-8), the live array: zeroed by {@link #close()} */
    public byte[] password() {
        return password;
    }

    @Override
    public void close() {
        Arrays.fill(password, (byte) 0);
    }

    @Override
    public String toString() {
        return "UserCredential[name=" + name + ", password=<hidden>]";
    }

    /**
     * Decodes {@code u32 nameLength, u32 passwordLength, base64(name NUL password NUL), NUL}.
     *
     * @param type the header's {@code userCredentialType}
     * @param block the credential block
     * @return the credential
     * @throws VixException {@link VixError#AUTHENTICATION_FAIL} for an unsupported type,
     *         {@link VixError#INVALID_LOGIN_CREDENTIALS} for a malformed block
     */
    public static UserCredential decode(int type, ByteBuffer block) throws VixException {
        if (type != NAME_PASSWORD && type != NAME_PASSWORD_OBFUSCATED) {
            throw new VixException(VixError.AUTHENTICATION_FAIL, "unsupported credential type " + type);
        }
        ByteBuffer in = block.slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 9) {
            throw malformed("credential block of " + in.remaining() + " bytes");
        }
        long nameLength = Integer.toUnsignedLong(in.getInt());
        long passwordLength = Integer.toUnsignedLong(in.getInt());
        int start = in.position();
        int nul = start;
        while (nul < in.limit() && in.get(nul) != 0) {
            nul++;
        }
        if (nul == in.limit()) {
            throw malformed("credential string is not NUL-terminated");
        }
        byte[] encoded = new byte[nul - start];
        in.get(start, encoded);
        byte[] plain = null;
        try {
            plain = Base64.getDecoder().decode(encoded);
            int first = indexOf(plain, 0);
            int second = first < 0 ? -1 : indexOf(plain, first + 1);
            if (second != plain.length - 1) {
                throw malformed("credential does not hold exactly name NUL password NUL");
            }
            if (first != nameLength || second - first - 1 != passwordLength) {
                throw malformed("credential lengths do not match the name and password");
            }
            String name = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain, 0, first))
                    .toString();
            return new UserCredential(name, Arrays.copyOfRange(plain, first + 1, second));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw malformed("credential is not valid base64 or UTF-8");
        } finally {
            Arrays.fill(encoded, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static int indexOf(byte[] a, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static VixException malformed(String why) {
        return new VixException(VixError.INVALID_LOGIN_CREDENTIALS, why);
    }
}
