package io.github.guesttools.process;

/**
 * The process still runs, so its output is not final yet; vSphere turns this into {@code
 * CannotAccessFile}, which clients retry. VIX 13 (FILE_ACCESS_ERROR).
 */
public final class RetryLaterException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public RetryLaterException(String message) {
        super(13, message);
    }
}
