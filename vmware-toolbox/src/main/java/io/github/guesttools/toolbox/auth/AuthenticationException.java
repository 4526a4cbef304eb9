package io.github.guesttools.toolbox.auth;

/** A refused login. The message is for logs and never contains the password. */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message why the login was refused */
    public AuthenticationException(String message) {
        super(message);
    }
}
