package io.github.guesttools.mdata.client;

/**
 * The host answered FAILURE. {@link #hostMessage()} is its reason: the V2 payload (e.g. {@code
 * Cannot update the "sdc" Namespace.}) or, over V1, the header line ({@code FAILURE}).
 */
public final class MetadataHostException extends MetadataException {
    private final String hostMessage;

    /** Creates the exception. */
    public MetadataHostException(String hostMessage) {
        super(hostMessage);
        this.hostMessage = hostMessage;
    }

    /** The reason the host gave. */
    public String hostMessage() {
        return hostMessage;
    }
}
