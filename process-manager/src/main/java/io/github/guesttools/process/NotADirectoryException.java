package io.github.guesttools.process;

/** The requested working directory is not a directory. VIX 20002 (NOT_A_DIRECTORY). */
public final class NotADirectoryException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public NotADirectoryException(String message) {
        super(20002, message);
    }
}
