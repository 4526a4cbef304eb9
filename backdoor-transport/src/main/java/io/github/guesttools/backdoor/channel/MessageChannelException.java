package io.github.guesttools.backdoor.channel;

import java.io.IOException;

/**
 * Base type of the message channel's checked exceptions: the host refused a step, or the exchange
 * broke the protocol. Transport failures of the backdoor itself are
 * {@link io.github.guesttools.backdoor.BackdoorException}s instead; both are {@link IOException}s.
 */
public class MessageChannelException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** Creates the exception; {@code status} is the host's status bits, or -1 if none applies. */
    public MessageChannelException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** Returns the status bits of the failing reply, or -1 when the failure was local. */
    public int status() {
        return status;
    }
}
