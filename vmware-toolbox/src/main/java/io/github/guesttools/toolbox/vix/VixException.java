package io.github.guesttools.toolbox.vix;

/**
 * A failure that is answered with a VIX error code; every decoder and handler failure ends as one.
 * The message is for logs only and never goes on the wire.
 */
public final class VixException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int error;
    private final int additionalError;

    /**
     * @param error the VIX error code ({@link VixError})
     * @param message a diagnostic for logs
     */
    public VixException(int error, String message) {
        this(error, 0, message, null);
    }

    /**
     * @param error the VIX error code ({@link VixError})
     * @param additionalError the errno (or 0) sent as the reply's second number
     * @param message a diagnostic for logs
     * @param cause the underlying failure, or null
     */
    public VixException(int error, int additionalError, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.additionalError = additionalError;
    }

    /** @return the VIX error code */
    public int error() {
        return error;
    }

    /** @return the errno or 0 */
    public int additionalError() {
        return additionalError;
    }
}
