package io.github.guesttools.process;

/** The table of tracked processes is full of running processes. VIX 5 (OBJECT_IS_BUSY). */
public final class TooManyProcessesException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public TooManyProcessesException(String message) {
        super(5, message);
    }
}
