package io.github.guesttools.rpc.channel;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.channel.ChannelOptions;
import io.github.guesttools.backdoor.channel.ChannelProtocolException;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens GuestRPC channels as backdoor message channels ({@code docs/protocols/backdoor.md} §5). */
public final class BackdoorChannels {
    private BackdoorChannels() {}

    /** An opener over {@code backdoor} (the real port, the socket bridge or a simulator). */
    public static RpcChannelOpener opener(Backdoor backdoor) {
        return opener(backdoor, ChannelOptions.DEFAULTS);
    }

    /** An opener over {@code backdoor} with channel options (receive cap, high bandwidth). */
    public static RpcChannelOpener opener(Backdoor backdoor, ChannelOptions options) {
        Objects.requireNonNull(backdoor);
        Objects.requireNonNull(options);
        return protocol -> {
            Protocol p = protocol == RpcProtocol.TCLO ? Protocol.TCLO : Protocol.RPCI;
            try {
                return new Adapter(MessageChannel.open(backdoor, p, options));
            } catch (ChannelProtocolException e) {
                // A plain refusal (no status bits) of a TCLO open is the VMX's one-TCLO-per-VM rule.
                if (protocol == RpcProtocol.TCLO && e.status() == 0) {
                    throw new ChannelInUseException(
                            "the host refused a TCLO channel: another tools daemon"
                                    + " (vmtoolsd or a second agent) already owns this VM's TCLO channel",
                            e);
                }
                throw new ChannelException("cannot open a " + protocol + " channel: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new ChannelException("cannot open a " + protocol + " channel: " + e.getMessage(), e);
            }
        };
    }

    private static final class Adapter implements RpcChannel {
        private static final Logger LOG = LoggerFactory.getLogger(BackdoorChannels.class);
        private final MessageChannel channel;

        Adapter(MessageChannel channel) {
            this.channel = channel;
        }

        @Override
        public void send(byte[] message) throws ChannelException {
            try {
                channel.send(message);
            } catch (IOException e) {
                throw new ChannelException(e.getMessage(), e);
            }
        }

        @Override
        public Optional<byte[]> receive() throws ChannelException {
            try {
                return channel.receive();
            } catch (IOException e) {
                throw new ChannelException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // A channel whose cookie was invalidated cannot be closed cleanly; it is gone anyway.
                LOG.debug("closing {} failed: {}", channel, e.getMessage());
            }
        }
    }
}
