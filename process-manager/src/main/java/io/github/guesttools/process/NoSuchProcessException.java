package io.github.guesttools.process;

/**
 * No process with that pid exists (or, for the I/O calls, it has no captured I/O). VIX 20003
 * (NO_SUCH_PROCESS).
 */
public final class NoSuchProcessException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public NoSuchProcessException(String message) {
        super(20003, message);
    }
}
