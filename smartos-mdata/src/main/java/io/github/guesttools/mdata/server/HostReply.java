package io.github.guesttools.mdata.server;

/** What the host answers, before it is encoded as V1 or V2. {@code payload} may be null. */
record HostReply(Status status, byte[] payload) {
    enum Status {
        SUCCESS,
        NOTFOUND,
        FAILURE,
        INVALID_COMMAND,
        V2_OK
    }

    static HostReply of(Status status) {
        return new HostReply(status, null);
    }

    static HostReply failure(String message) {
        return new HostReply(Status.FAILURE, message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
