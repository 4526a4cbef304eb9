package io.github.guesttools.process;

/**
 * The request is malformed, e.g. an I/O file opened in the wrong direction. VIX 3 (INVALID_ARG).
 */
public final class InvalidArgumentException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public InvalidArgumentException(String message) {
        super(3, message);
    }
}
