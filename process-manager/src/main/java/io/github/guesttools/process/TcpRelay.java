package io.github.guesttools.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * The {@code http.RoundTrip} function ({@code docs/protocols/process.md} §10): connects to {@code host:port} from
 * inside the guest, copies stdin to the connection until stdin is closed, half-closes, then
 * copies the connection to stdout until the peer closes it. It relays bytes only (any protocol
 * whose server closes the connection, e.g. HTTP with {@code Connection: close}).
 *
 * <p>A {@link SocketChannel} is used because it is interruptible: TerminateProcess interrupts the
 * function, which closes the connection and unblocks any read or write.
 */
final class TcpRelay implements GuestFunction {
    /** The program path clients start: the govmomi name. */
    public static final String NAME = "http.RoundTrip";

    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    @Override
    public int run(FunctionContext context) throws Exception {
        InetSocketAddress target = parse(context.arguments().trim());
        try (SocketChannel channel = SocketChannel.open()) {
            channel.socket().connect(target, CONNECT_TIMEOUT_MILLIS);
            OutputStream toPeer = Channels.newOutputStream(channel);
            context.stdin().transferTo(toPeer);
            channel.shutdownOutput();
            try (InputStream fromPeer = Channels.newInputStream(channel);
                    OutputStream stdout = context.stdout()) {
                fromPeer.transferTo(stdout);
            }
        }
        return 0;
    }

    /** Parses {@code host:port}, with IPv6 literals in brackets. */
    static InetSocketAddress parse(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IOException("expected host:port, got \"" + hostPort + "\"");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("bad port in \"" + hostPort + "\"", e);
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new IOException("bad address \"" + hostPort + "\"");
        }
        return new InetSocketAddress(host, port);
    }
}
