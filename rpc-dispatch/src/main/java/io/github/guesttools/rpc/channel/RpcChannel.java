package io.github.guesttools.rpc.channel;

import java.io.Closeable;
import java.util.Optional;

/**
 * One open GuestRPC channel. Messages are whole byte strings; a channel is used by one thread at a
 * time (callers serialise).
 */
public interface RpcChannel extends Closeable {

    /** Sends one message; an empty message is valid (the TCLO heartbeat). */
    void send(byte[] message) throws ChannelException;

    /**
     * Receives one message; empty when the host has nothing for the guest. A present message may
     * have zero length (the host sent an empty message).
     */
    Optional<byte[]> receive() throws ChannelException;

    /** Closes the channel; never throws, and a second close is harmless. */
    @Override
    void close();
}
