package io.github.guesttools.rpc.channel;

/**
 * The host refused a TCLO channel because one is already open for this VM: another tools daemon
 * (vmtoolsd or a second instance of this library) owns it.
 */
public final class ChannelInUseException extends ChannelException {

    /** Creates an exception with a message naming the reason. */
    public ChannelInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
