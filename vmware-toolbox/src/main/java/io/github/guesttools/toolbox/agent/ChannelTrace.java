package io.github.guesttools.toolbox.agent;

import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.channel.RpcChannel;
import io.github.guesttools.rpc.channel.RpcChannelOpener;
import io.github.guesttools.rpc.channel.RpcProtocol;
import io.github.guesttools.toolbox.logging.PreformattedLines;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixMessage;
import io.github.guesttools.toolbox.vix.VixMessageDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trace mode: logs every message on the RPCI and TCLO channels as a hex dump, with the credential
 * block of {@code Vix_1_Relayed_Command} requests blanked (a VIX request that cannot be decoded is
 * not dumped past its command name, since its credential cannot be located).
 */
final class ChannelTrace implements RpcChannelOpener {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelTrace.class);
    private static final byte[] VIX = "Vix_1_Relayed_Command ".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DUMP = 4096;

    private final RpcChannelOpener delegate;

    ChannelTrace(RpcChannelOpener delegate) {
        this.delegate = delegate;
    }

    @Override
    public RpcChannel open(RpcProtocol protocol) throws ChannelException {
        RpcChannel channel = delegate.open(protocol);
        String name = protocol.name();
        return new RpcChannel() {
            @Override
            public void send(byte[] message) throws ChannelException {
                if (message.length > 0) {
                    LOG.info("{} guest->host {} bytes\n{}", name, message.length, new PreformattedLines(dump(message)));
                }
                channel.send(message);
            }

            @Override
            public Optional<byte[]> receive() throws ChannelException {
                Optional<byte[]> m = channel.receive();
                if (m.isPresent() && m.get().length > 0) {
                    LOG.info("{} host->guest {} bytes\n{}", name, m.get().length, new PreformattedLines(dump(m.get())));
                }
                return m;
            }

            @Override
            public void close() {
                channel.close();
            }
        };
    }

    /**
     * @param message a message
     * @return its hex dump with credentials blanked
     */
    static String dump(byte[] message) {
        return hex(redacted(message));
    }

    static byte[] redacted(byte[] message) {
        if (!startsWith(message, VIX)) {
            return message;
        }
        byte[] copy = message.clone();
        try {
            VixMessage m = VixMessageDecoder.decode(ByteBuffer.wrap(copy, VIX.length, copy.length - VIX.length));
            int from = VIX.length + m.credentialOffset();
            Arrays.fill(copy, from, from + m.credential().remaining(), (byte) '*');
            return copy;
        } catch (VixException | RuntimeException e) {
            return Arrays.copyOf(copy, VIX.length);
        }
    }

    private static boolean startsWith(byte[] m, byte[] prefix) {
        return m.length >= prefix.length && Arrays.equals(m, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String hex(byte[] b) {
        StringBuilder out = new StringBuilder();
        int n = Math.min(b.length, MAX_DUMP);
        for (int row = 0; row < n; row += 16) {
            out.append(String.format("%04x ", row));
            StringBuilder text = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < n) {
                    out.append(String.format(" %02x", b[i] & 0xFF));
                    text.append(b[i] >= 0x20 && b[i] < 0x7F ? (char) b[i] : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append("  ").append(text).append('\n');
        }
        if (b.length > n) {
            out.append("... ").append(b.length - n).append(" more bytes\n");
        }
        return out.toString();
    }
}
