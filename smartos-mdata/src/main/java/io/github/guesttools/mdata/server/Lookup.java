package io.github.guesttools.mdata.server;

/** The result of reading a key: a value, nothing, or a value that is not text (object, array). */
sealed interface Lookup {
    /** A scalar value as the bytes to send. */
    record Found(byte[] value) implements Lookup {}

    /** No such key (or a null value). */
    record NotFound() implements Lookup {}

    /** An object or array, which the host refuses to send. */
    record NotScalar() implements Lookup {}
}
