package io.github.guesttools.backdoor.channel;

/** The GuestRPC protocols a message channel can be opened for. */
public enum Protocol {
    /** Guest-to-host commands ("RPCI"): the guest sends a command and receives the reply. */
    RPCI(0x49435052),
    /** Host-to-guest requests ("TCLO"): the guest polls, receives a request, and replies in its next send. */
    TCLO(0x4F4C4354);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** Returns the protocol number sent in EBX at OPEN (without the cookie flag). */
    public int number() {
        return number;
    }

    /** Returns the protocol for a number (cookie flag already removed), or {@code null}. */
    public static Protocol ofNumber(int number) {
        for (Protocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        return null;
    }
}
