package io.github.guesttools.process;

/**
 * The operating system failed: the launcher could not start, or a signal could not be sent. VIX 1
 * (FAIL).
 */
public final class ProcessStartException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public ProcessStartException(String message) {
        super(1, message);
    }
}
