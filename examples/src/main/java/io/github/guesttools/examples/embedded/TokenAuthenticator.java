package io.github.guesttools.examples.embedded;

import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Accepts a guest user whose "password" is the application's access token for that user, instead
 * of the user's system password (PAM). Only the SHA-256 of each token is kept; the comparison takes
 * the same time whatever matches.
 */
public final class TokenAuthenticator implements Authenticator {
    private final Map<String, byte[]> tokenHashes;

    /** @param tokenHashes user name to SHA-256 of that user's token */
    public TokenAuthenticator(Map<String, byte[]> tokenHashes) {
        this.tokenHashes = Map.copyOf(tokenHashes);
    }

    /**
     * @param token a token
     * @return its SHA-256
     */
    public static byte[] hash(String token) {
        return sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void authenticate(String user, byte[] password) throws AuthenticationException {
        byte[] expected = tokenHashes.get(user);
        if (expected == null || !MessageDigest.isEqual(expected, sha256(password))) {
            throw new AuthenticationException("no valid token for " + user);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
