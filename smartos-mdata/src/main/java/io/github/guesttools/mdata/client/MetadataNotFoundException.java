package io.github.guesttools.mdata.client;

/** The host has no value for the key (NOTFOUND). */
public final class MetadataNotFoundException extends MetadataException {
    private final String key;

    /** Creates the exception for {@code key}. */
    public MetadataNotFoundException(String key) {
        super("No metadata for '" + key + "'");
        this.key = key;
    }

    /** The key asked for. */
    public String key() {
        return key;
    }
}
