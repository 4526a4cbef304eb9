package io.github.guesttools.rpc.channel;

import java.io.IOException;

/** A GuestRPC channel could not be opened, or a send or receive on it failed. */
public class ChannelException extends IOException {

    /** Creates an exception with a message. */
    public ChannelException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the transport's cause. */
    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
