package io.github.guesttools.mdata.transport;

import java.io.IOException;

/**
 * The transport could not be opened. {@link #isPermanent()} tells whether retrying can help (a
 * missing serial device cannot; a socket that does not exist yet can).
 */
public final class TransportException extends IOException {
    private final boolean permanent;

    /** Creates the exception; the message is the mdata-client wording, e.g. "Could not open serial device.". */
    public TransportException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** True when retrying cannot help. */
    public boolean isPermanent() {
        return permanent;
    }
}
