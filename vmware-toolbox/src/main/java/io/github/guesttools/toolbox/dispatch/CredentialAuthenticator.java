package io.github.guesttools.toolbox.dispatch;

import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.vix.UserCredential;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixHeader;
import java.nio.ByteBuffer;

/**
 * Checks a VIX request's whole credential, as the Go toolbox's {@code Authenticate(header,
 * credential)} hook does: the header (with {@link VixHeader#userCredentialType()}) and the raw
 * credential block, so a credential type other than name/password (a ticket, a token) can be
 * accepted. It names the local account the request then acts as; guest operations run with exactly
 * that account's rights.
 *
 * <p>The block is valid only during the call (the dispatcher zeroes it afterwards); implementations
 * must not keep, log or copy secrets from it. Unlike {@link Authenticator}s given to the agent, no
 * failed-login back-off is added: wrap your own when the credential can be guessed.
 */
@FunctionalInterface
public interface CredentialAuthenticator {
    /**
     * @param header the request header
     * @param credential the credential block, read-only, little-endian
     * @return the local account name the request acts as
     * @throws AuthenticationException when the credential is refused (answered 3050)
     */
    String authenticate(VixHeader header, ByteBuffer credential) throws AuthenticationException;

    /**
     * @param authenticator checks a name and password
     * @return a credential authenticator for the name/password types (1 and 4) that acts as the
     *     named user; other types are refused
     */
    static CredentialAuthenticator namePassword(Authenticator authenticator) {
        return (header, credential) -> {
            try (UserCredential c = UserCredential.decode(header.userCredentialType(), credential)) {
                authenticator.authenticate(c.name(), c.password());
                return c.name();
            } catch (VixException e) {
                throw new AuthenticationException(e.getMessage());
            }
        };
    }
}
