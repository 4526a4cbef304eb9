package io.github.guesttools.backdoor.simulator;

import io.github.guesttools.backdoor.channel.Protocol;

/** Host-side state of one open channel; guarded by the simulator's lock. */
final class SimulatorChannel {
    final int id;
    final Protocol protocol;
    final boolean cookieChecked;
    int cookieHigh;
    int cookieLow;
    /** The host changed the cookies ({@code invalidateCookies}); the guest can only reopen. */
    boolean cookieInvalidated;
    /** Whether HB is offered on this channel; null follows the simulator's setting. */
    Boolean highBandwidth;

    /** Guest-to-host message being assembled, or null. */
    byte[] inbound;

    int inboundFill;

    /** Host-to-guest message on offer, or null; for TCLO it is {@link #offered}'s request. */
    byte[] outbound;

    int outboundOffset;

    /** TCLO: the guest has sent since the last delivery (the VMX sends nothing before that). */
    boolean sawSend;
    /** TCLO: the queued request currently on offer (still at the head of the queue). */
    TcloRequest offered;
    /** TCLO: the request delivered to the guest whose reply comes with the next send. */
    TcloRequest inFlight;

    SimulatorChannel(int id, Protocol protocol, boolean cookieChecked, int cookieHigh, int cookieLow) {
        this.id = id;
        this.protocol = protocol;
        this.cookieChecked = cookieChecked;
        this.cookieHigh = cookieHigh;
        this.cookieLow = cookieLow;
    }

    boolean cookieMatches(int high, int low) {
        return !cookieChecked || (high == cookieHigh && low == cookieLow);
    }

    void abortInbound() {
        inbound = null;
        inboundFill = 0;
    }

    void dropOutbound() {
        outbound = null;
        outboundOffset = 0;
        offered = null;
    }
}
