package io.github.guesttools.mdata.internal.protocol;

/** A line that is not a valid V2 frame. {@link #requestId()} is set when it could still be read. */
public final class FrameException extends Exception {
    private final String requestId;
    private final String payloadOf;

    /** Creates the exception; {@code requestId} may be null. */
    public FrameException(String message, String requestId) {
        this(message, requestId, null);
    }

    private FrameException(String message, String requestId, String payloadOf) {
        super(message);
        this.requestId = requestId;
        this.payloadOf = payloadOf;
    }

    /**
     * A frame whose length and CRC are right but whose payload is not base64 text: a host answers
     * it ({@code FAILURE Invalid <code> Request}) instead of dropping it as malformed.
     */
    static FrameException badPayload(String requestId, String code) {
        return new FrameException("payload of " + code + " is not base64", requestId, code);
    }

    /** The request id found in the broken frame, or null. */
    public String requestId() {
        return requestId;
    }

    /** For a frame that is sound but for its payload ({@link #badPayload}): its code; else null. */
    public String badPayloadOf() {
        return payloadOf;
    }
}
