package io.github.guesttools.mdata.client;

import java.io.IOException;

/** Base of every metadata client failure. */
public class MetadataException extends IOException {
    /** Creates the exception. */
    public MetadataException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
