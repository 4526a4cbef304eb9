package io.github.guesttools.backdoor.channel;

/**
 * The host's replies broke the message-channel protocol (wrong message type in EDX, or more
 * checkpoint restarts than allowed), or the channel could not be opened.
 */
public class ChannelProtocolException extends MessageChannelException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ChannelProtocolException(String message, int status) {
        super(message, status);
    }
}
