package io.github.guesttools.backdoor.channel;

/**
 * The host refused a call on an open channel without giving a reason (plain failure status). This
 * is how VMware answers a wrong or invalidated cookie ("wrong cookie, discarding message"); every
 * later call on the channel fails the same way, so close it and open a new one.
 */
public class CookieRejectedException extends MessageChannelException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CookieRejectedException(String message, int status) {
        super(message, status);
    }
}
