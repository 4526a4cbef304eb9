package io.github.guesttools.process;

/**
 * A process operation failed. Each subclass stands for one failure and carries the VIX error code
 * the guest-operations layer must reply with ({@code docs/protocols/vix.md} §9), so callers can answer without
 * inspecting messages.
 */
public abstract class ProcessException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int vixError;

    ProcessException(int vixError, String message) {
        super(message);
        this.vixError = vixError;
    }

    /** The VIX error code for this failure. */
    public final int vixError() {
        return vixError;
    }

    /** Attaches the underlying failure and returns this exception, for {@code throw}. */
    public final ProcessException causedBy(Throwable cause) {
        initCause(cause);
        return this;
    }
}
