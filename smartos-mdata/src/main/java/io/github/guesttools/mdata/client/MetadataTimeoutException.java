package io.github.guesttools.mdata.client;

/** The overall deadline passed before the host answered. */
public final class MetadataTimeoutException extends MetadataException {
    /** Creates the exception. */
    public MetadataTimeoutException(String message) {
        super(message);
    }
}
