package io.github.guesttools.backdoor;

import java.io.IOException;

/**
 * A backdoor call could not be made at all: the transport broke (bridge connection lost) or the
 * backdoor is not available here. Protocol-level refusals by the host are reported by the message
 * channel with its own exceptions instead.
 */
public class BackdoorException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public BackdoorException(String message) {
        super(message);
    }

    /** Creates the exception with a message and a cause. */
    public BackdoorException(String message, Throwable cause) {
        super(message, cause);
    }
}
