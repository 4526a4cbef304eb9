package io.github.guesttools.rpc.channel;

/** Opens GuestRPC channels; the seam between the RPC layers and a transport. */
@FunctionalInterface
public interface RpcChannelOpener {

    /**
     * Opens a channel for {@code protocol}.
     *
     * @throws ChannelInUseException if a TCLO channel is already held by another tools daemon
     * @throws ChannelException if the transport cannot open a channel
     */
    RpcChannel open(RpcProtocol protocol) throws ChannelException;
}
