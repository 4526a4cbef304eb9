package io.github.guesttools.rpc.rpci;

import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.channel.RpcChannel;
import io.github.guesttools.rpc.channel.RpcChannelOpener;
import io.github.guesttools.rpc.channel.RpcProtocol;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends RPCI commands over one long-lived channel, opened on first use. Thread-safe: exchanges are
 * serialised, because a channel carries one command and its reply at a time.
 *
 * <p>On a send failure the channel is closed, reopened and the command resent once (vmtoolsd does
 * the same: a {@code reset} can race with an RPCI). A receive failure is not retried, because the
 * host may already have executed the command; the channel is closed so the next call reopens it.
 */
public final class RpciClient implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RpciClient.class);

    /** {@code GUESTMSG_MAX_IN_SIZE}: the host refuses larger guest → host messages. */
    public static final int MAX_COMMAND = 64 * 1024;

    private final RpcChannelOpener opener;
    private RpcChannel channel;
    private boolean closed;

    /** Creates a client that opens its channel through {@code opener} when first needed. */
    public RpciClient(RpcChannelOpener opener) {
        this.opener = opener;
    }

    /**
     * Sends command bytes as they are and returns the parsed reply, successful or not.
     *
     * @throws ChannelException        when the channel cannot be (re)opened or fails twice
     * @throws RpciProtocolException    when the reply is malformed
     * @throws IllegalArgumentException when the command exceeds {@link #MAX_COMMAND}
     */
    public synchronized RpciReply exchange(byte[] command) throws ChannelException, RpciProtocolException {
        if (command.length > MAX_COMMAND) {
            throw new IllegalArgumentException(
                    "RPCI command of " + command.length + " bytes exceeds the host's 64 KiB limit");
        }
        if (closed) {
            throw new ChannelException("RPCI client closed");
        }
        RpcChannel ch = channel();
        try {
            ch.send(command);
        } catch (ChannelException first) {
            LOG.debug("RPCI send failed, reopening the channel and resending once", first);
            reset();
            ch = channel();
            ch.send(command);
        }
        Optional<byte[]> reply;
        try {
            reply = ch.receive();
        } catch (ChannelException e) {
            reset();
            throw e;
        }
        if (reply.isEmpty()) {
            throw new RpciProtocolException("the host sent no reply");
        }
        return RpciReply.parse(reply.get());
    }

    /**
     * Sends a text command (with the trailing NUL) and returns the success text.
     *
     * @throws RpciFailureException when the host answers {@code 0}
     */
    public String send(String command) throws IOException {
        RpciReply reply = exchange(RpciCommand.text(command));
        if (!reply.success()) {
            throw new RpciFailureException(commandName(command), reply.text());
        }
        return reply.text();
    }

    /**
     * Sends command bytes as they are and returns the success body.
     *
     * @throws RpciFailureException when the host answers {@code 0}
     */
    public byte[] send(byte[] command) throws IOException {
        RpciReply reply = exchange(command);
        if (!reply.success()) {
            throw new RpciFailureException(commandName(new String(command, StandardCharsets.ISO_8859_1)), reply.text());
        }
        return reply.body();
    }

    /** Closes the current channel; the next call opens a fresh one (used after a channel reset). */
    public synchronized void reset() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Closes the channel for good; later calls fail. A second close is harmless. */
    @Override
    public synchronized void close() {
        reset();
        closed = true;
    }

    private RpcChannel channel() throws ChannelException {
        if (channel == null) {
            channel = opener.open(RpcProtocol.RPCI);
        }
        return channel;
    }

    private static String commandName(String command) {
        int end = 0;
        while (end < command.length() && end < 64 && command.charAt(end) > ' ') {
            end++;
        }
        return command.substring(0, end);
    }
}
