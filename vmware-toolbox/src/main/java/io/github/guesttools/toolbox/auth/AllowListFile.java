package io.github.guesttools.toolbox.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Accounts and password hashes from a file, for hosts without PAM and for trying the agent out:
 * one {@code name:sha256-hex-of-password} per line, {@code #} comments. The file is read at each
 * login, so edits apply at once; hashes are compared in constant time. A plain SHA-256 is no
 * password store for real secrets (no salt, fast): use it for throw-away passwords only.
 */
public final class AllowListFile implements Authenticator {
    private final Path file;

    /**
     * @param file the allow-list file
     */
    public AllowListFile(Path file) {
        this.file = file;
    }

    /**
     * @param password a password
     * @return the line's hash part for it
     */
    public static String hash(byte[] password) {
        return HexFormat.of().formatHex(sha256(password));
    }

    @Override
    public void authenticate(String user, byte[] password) throws AuthenticationException {
        byte[] offered = sha256(password);
        boolean ok = false;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (line.startsWith("#")
                        || colon < 0
                        || !line.substring(0, colon).equals(user)) {
                    continue;
                }
                byte[] expected;
                try {
                    expected = HexFormat.of().parseHex(line.substring(colon + 1).strip());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                ok |= MessageDigest.isEqual(expected, offered);
            }
        } catch (IOException e) {
            throw new AuthenticationException("allow-list " + file + " unreadable: " + e.getMessage());
        }
        if (!ok) {
            throw new AuthenticationException("wrong password or user not allowed: " + user);
        }
    }

    private static byte[] sha256(byte[] password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
