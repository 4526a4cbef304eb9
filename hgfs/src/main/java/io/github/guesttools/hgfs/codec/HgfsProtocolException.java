package io.github.guesttools.hgfs.codec;

/** A packet that cannot be decoded: too short, a length that lies, an unknown layout. */
public final class HgfsProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final HgfsStatus status;

    /** A malformed packet, answered with {@link HgfsStatus#PROTOCOL_ERROR}. */
    public HgfsProtocolException(String message) {
        this(HgfsStatus.PROTOCOL_ERROR, message);
    }

    /** A packet rejected with a specific status (e.g. {@link HgfsStatus#INVALID_NAME}). */
    public HgfsProtocolException(HgfsStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** The status the server answers with. */
    public HgfsStatus status() {
        return status;
    }
}
