package io.github.guesttools.backdoor.channel;

/** The message-channel step selected by ECX high 16 bits of a MESSAGE call. */
public enum MessageType {
    /** Opens a channel. */
    OPEN,
    /** Announces the size of a guest-to-host message. */
    SENDSIZE,
    /** Carries 4 bytes of a guest-to-host message (low bandwidth). */
    SENDPAYLOAD,
    /** Asks for the size of a pending host-to-guest message. */
    RECVSIZE,
    /** Fetches 4 bytes of a host-to-guest message (low bandwidth). */
    RECVPAYLOAD,
    /** Acknowledges (or refuses) a host-to-guest message. */
    RECVSTATUS,
    /** Closes a channel. */
    CLOSE;

    private static final MessageType[] VALUES = values();

    /** Returns the wire value (0..6). */
    public int code() {
        return ordinal();
    }

    /** Returns the type for a wire value, or {@code null} if unknown. */
    public static MessageType ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
