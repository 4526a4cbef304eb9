package io.github.guesttools.mdata.client;

/**
 * The host does not support the operation: PUT and DELETE on a V1-only host, or a host that
 * answers {@code invalid command}.
 */
public final class MetadataUnsupportedException extends MetadataException {
    private final String operation;

    /** Creates the exception for {@code operation} (GET, PUT, DELETE, KEYS). */
    public MetadataUnsupportedException(String operation) {
        super("host does not support " + operation);
        this.operation = operation;
    }

    /** The operation refused. */
    public String operation() {
        return operation;
    }
}
