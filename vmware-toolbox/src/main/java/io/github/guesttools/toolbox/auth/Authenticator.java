package io.github.guesttools.toolbox.auth;

import java.util.Set;

/**
 * Checks a guest user name and password. Implementations must not keep, log or copy the password;
 * the caller zeroes the array afterwards.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param user the login name
     * @param password the password bytes (UTF-8)
     * @throws AuthenticationException when the login is refused
     */
    void authenticate(String user, byte[] password) throws AuthenticationException;

    /** @return an authenticator that refuses everyone (guest operations off) */
    static Authenticator denyAll() {
        return (user, password) -> {
            throw new AuthenticationException("guest operations are disabled");
        };
    }

    /**
     * PAM with the service open-vm-tools uses, {@code vmtoolsd}, so existing PAM configuration
     * applies (a missing {@code /etc/pam.d/vmtoolsd} falls back to {@code /etc/pam.d/other}).
     *
     * @return a PAM authenticator
     */
    static Authenticator pam() {
        return new PamAuthenticator(PamAuthenticator.DEFAULT_SERVICE);
    }

    /**
     * @param service the PAM service name
     * @return a PAM authenticator for that service
     */
    static Authenticator pam(String service) {
        return new PamAuthenticator(service);
    }

    /**
     * @param users the only login names allowed
     * @param delegate checks the password of an allowed user
     * @return an authenticator that refuses every other user before consulting the delegate
     */
    static Authenticator allowUsers(Set<String> users, Authenticator delegate) {
        Set<String> allowed = Set.copyOf(users);
        return (user, password) -> {
            if (!allowed.contains(user)) {
                throw new AuthenticationException("user " + user + " is not on the allow-list");
            }
            delegate.authenticate(user, password);
        };
    }

    /**
     * @param delegate the real check
     * @param throttle the failure bookkeeping and back-off
     * @return an authenticator that refuses at once while a user is in back-off
     */
    static Authenticator throttled(Authenticator delegate, LoginThrottle throttle) {
        return (user, password) -> {
            throttle.checkAllowed(user);
            try {
                delegate.authenticate(user, password);
            } catch (AuthenticationException e) {
                throttle.failed(user);
                throw e;
            }
            throttle.succeeded(user);
        };
    }
}
