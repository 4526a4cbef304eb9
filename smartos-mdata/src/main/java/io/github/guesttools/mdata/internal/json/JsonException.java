package io.github.guesttools.mdata.internal.json;

/** Text that is not valid JSON, with the offset where reading stopped. */
public final class JsonException extends Exception {
    /** Creates the exception. */
    public JsonException(String message, int offset) {
        super(message + " at offset " + offset);
    }
}
