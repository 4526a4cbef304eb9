package io.github.guesttools.rpc.rpci;

/** The host's reply was not a valid RPCI reply (shorter than 2 bytes or no {@code 1 }/{@code 0 } prefix). */
public final class RpciProtocolException extends RpciException {

    /** Creates an exception describing the bad reply. */
    public RpciProtocolException(String message) {
        super(message);
    }
}
