package io.github.guesttools.mdata.internal.protocol;

/** A line that is not a valid V2 frame. {@link #requestId()} is set when it could still be read. */
public final class FrameException extends Exception {
    private final String requestId;

    /** Creates the exception; {@code requestId} may be null. */
    public FrameException(String message, String requestId) {
        super(message);
        this.requestId = requestId;
    }

    /** The request id found in the broken frame, or null. */
    public String requestId() {
        return requestId;
    }
}
