package io.github.guesttools.rpc.rpci;

/** The host answered {@code 0 <text>}: it understood the command and refused it. */
public final class RpciFailureException extends RpciException {
    private final String hostMessage;

    /** Creates an exception for a command and the host's reply text. */
    public RpciFailureException(String command, String hostMessage) {
        super(command + ": host replied 0 " + hostMessage);
        this.hostMessage = hostMessage;
    }

    /** The host's reply text after {@code 0 }. */
    public String hostMessage() {
        return hostMessage;
    }
}
