package io.github.guesttools.mdata.client;

/** A decoded reply: what the host answered, independent of V1 or V2. */
record Reply(Status status, byte[] data) {
    enum Status {
        SUCCESS,
        NOTFOUND,
        FAILURE,
        INVALID_COMMAND
    }
}
