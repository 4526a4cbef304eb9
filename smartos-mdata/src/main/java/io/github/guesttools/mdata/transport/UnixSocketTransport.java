package io.github.guesttools.mdata.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The metadata socket of a SmartOS zone, or any host listening on a Unix socket (QEMU's serial
 * backend, {@code MetadataServerMain}), through the JDK's Unix-domain channels.
 */
public final class UnixSocketTransport implements Transport {
    private final SocketChannel channel;
    private final Selector selector;
    private final String path;

    private UnixSocketTransport(SocketChannel channel, Selector selector, String path) {
        this.channel = channel;
        this.selector = selector;
        this.path = path;
    }

    /** An opener for the socket at {@code path}. */
    public static TransportOpener opener(String path) {
        return new TransportOpener() {
            @Override
            public Transport open() throws TransportException {
                return UnixSocketTransport.open(path);
            }

            @Override
            public String description() {
                return path;
            }
        };
    }

    /**
     * Connects. A missing socket or a refused connection is not permanent (the host agent may not
     * have created it yet); a permission error is.
     */
    public static UnixSocketTransport open(String path) throws TransportException {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new TransportException("Could not find metadata socket.", false, null);
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(p));
            ch.configureBlocking(false);
            Selector sel = Selector.open();
            ch.register(sel, SelectionKey.OP_READ);
            return new UnixSocketTransport(ch, sel, path);
        } catch (IOException e) {
            closeQuietly(ch);
            String m = String.valueOf(e.getMessage());
            boolean permanent = m.contains("Permission denied") || m.contains("not permitted");
            throw new TransportException("Could not connect metadata socket.", permanent, e);
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                selector.selectedKeys().clear();
                SelectionKey key = channel.keyFor(selector);
                key.interestOps(SelectionKey.OP_WRITE);
                selector.select(1000);
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf);
        int n = channel.read(b);
        if (n != 0) {
            return n;
        }
        selector.selectedKeys().clear();
        if (selector.select(Math.max(1, timeoutMillis)) == 0) {
            return 0;
        }
        return channel.read(b);
    }

    @Override
    public void drain(long maxMillis) {
        // A stream socket has no stale bytes from other processes: each client has its own connection.
    }

    @Override
    public String description() {
        return path;
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(channel);
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Nothing useful to do: the connection is being abandoned.
            }
        }
    }
}
