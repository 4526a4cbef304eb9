package io.github.guesttools.backdoor.channel;

/**
 * The channel is closed: closed locally, closed by the host ({@code CLOSED} status) or the virtual
 * machine is powering off ({@code POWEROFF} status).
 */
public class ChannelClosedException extends MessageChannelException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ChannelClosedException(String message, int status) {
        super(message, status);
    }
}
