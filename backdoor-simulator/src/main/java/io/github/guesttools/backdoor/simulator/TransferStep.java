package io.github.guesttools.backdoor.simulator;

/** A step of a message transfer, where {@link VmxSimulator#injectCheckpoint} can strike. */
public enum TransferStep {
    /** SENDSIZE (LB). */
    SEND_SIZE,
    /** One SENDPAYLOAD chunk (LB). */
    SEND_PAYLOAD,
    /** The HB send ({@code REP OUTSB}). */
    SEND_HIGH_BANDWIDTH,
    /** RECVSIZE (LB). */
    RECEIVE_SIZE,
    /** One RECVPAYLOAD chunk (LB). */
    RECEIVE_PAYLOAD,
    /** The HB receive ({@code REP INSB}). */
    RECEIVE_HIGH_BANDWIDTH,
    /** RECVSTATUS, the guest's acknowledgement. */
    RECEIVE_STATUS;

    /** Returns whether this step belongs to a guest-to-host transfer. */
    public boolean isSend() {
        return this == SEND_SIZE || this == SEND_PAYLOAD || this == SEND_HIGH_BANDWIDTH;
    }
}
