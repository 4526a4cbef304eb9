package io.github.guesttools.process;

/**
 * The user may not do this: run the program, act as another user, signal the process or read its
 * I/O. VIX 3015 (GUEST_USER_PERMISSIONS).
 */
public final class PermissionDeniedException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for logs and error replies. */
    public PermissionDeniedException(String message) {
        super(3015, message);
    }
}
