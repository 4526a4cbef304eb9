package io.github.guesttools.mdata.server;

/** A write the host refuses; the message is sent to the guest as the FAILURE payload. */
final class MetadataRefusedException extends Exception {
    MetadataRefusedException(String message) {
        super(message);
    }

    MetadataRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
