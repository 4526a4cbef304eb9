/**
 * The byte-level channel the RPC layers talk through: one GuestRPC channel (RPCI or TCLO) that sends
 * and receives whole messages. The backdoor message channel is adapted to it by
 * {@link io.github.guesttools.rpc.channel.BackdoorChannels}.
 */
package io.github.guesttools.rpc.channel;
