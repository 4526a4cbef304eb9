package io.github.guesttools.process;

/** The program to start does not exist (or its path is not absolute). VIX 4 (FILE_NOT_FOUND). */
public final class ProgramNotFoundException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public ProgramNotFoundException(String message) {
        super(4, message);
    }
}
