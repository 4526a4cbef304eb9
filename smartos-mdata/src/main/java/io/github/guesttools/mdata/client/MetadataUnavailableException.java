package io.github.guesttools.mdata.client;

/**
 * The transport cannot be opened and retrying cannot help (e.g. no serial device). The message is
 * mdata-client's wording, e.g. {@code Could not open serial device.}.
 */
public final class MetadataUnavailableException extends MetadataException {
    /** Creates the exception. */
    public MetadataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
