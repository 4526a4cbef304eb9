package io.github.guesttools.rpc.internal.xdr;

/** An XDR NIC-info body is truncated, inconsistent or over a {@code nicinfo.x} limit. */
public final class NicInfoFormatException extends Exception {

    /** Creates an exception naming what was wrong. */
    public NicInfoFormatException(String message) {
        super(message);
    }
}
