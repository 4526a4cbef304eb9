package io.github.guesttools.rpc.channel;

/** The two GuestRPC protocols ({@code docs/protocols/rpc.md} §1). */
public enum RpcProtocol {
    /** Guest → host commands; the guest sends, the host replies. */
    RPCI,
    /** Host → guest requests, polled by the guest; only one TCLO channel may exist per VM. */
    TCLO
}
