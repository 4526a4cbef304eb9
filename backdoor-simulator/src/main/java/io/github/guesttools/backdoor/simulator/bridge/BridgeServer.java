package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.bridge.BridgeCodec;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Backdoor} (normally a {@link io.github.guesttools.backdoor.simulator.VmxSimulator})
 * over a Unix domain socket with the simulator-bridge framing, one thread per connection.
 *
 * <pre>{@code
 * try (BridgeServer server = BridgeServer.start(new VmxSimulator(), Path.of("/tmp/vmx.sock"))) {
 *     // guests connect with Backdoors.open("unix:/tmp/vmx.sock")
 * }
 * }</pre>
 *
 * <p>Malformed traffic (unknown kind, short header or payload, byte count over the cap) closes
 * that connection only. Host-level refusals travel back as registers, never as a dropped
 * connection.
 */
public final class BridgeServer implements Closeable {
    /** Default cap on the byte count of one HB call (larger requests close the connection). */
    public static final int DEFAULT_MAX_PAYLOAD = 16 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Backdoor backdoor;
    private final Path path;
    private final int maxPayload;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private BridgeServer(Backdoor backdoor, Path path, int maxPayload, ServerSocketChannel server) {
        this.backdoor = backdoor;
        this.path = path;
        this.maxPayload = maxPayload;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "bridge-accept-" + path.getFileName());
        acceptor.setDaemon(true);
    }

    /** Starts serving {@code backdoor} on a new socket at {@code path} with the default payload cap. */
    public static BridgeServer start(Backdoor backdoor, Path path) throws IOException {
        return start(backdoor, path, DEFAULT_MAX_PAYLOAD);
    }

    /**
     * Starts serving {@code backdoor} on a new socket at {@code path}.
     *
     * @param maxPayload the largest HB byte count a request may carry or ask for
     * @throws IOException if the socket cannot be bound (for example, {@code path} exists)
     */
    public static BridgeServer start(Backdoor backdoor, Path path, int maxPayload) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        BridgeServer s = new BridgeServer(backdoor, path, maxPayload, server);
        s.acceptor.start();
        return s;
    }

    /** Returns the socket path. */
    public Path path() {
        return path;
    }

    /** Returns the number of connections being served. */
    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("bridge {}: accept failed, no longer serving", path, e);
                }
                return;
            }
            connections.add(connection);
            Thread t = new Thread(() -> serve(connection), "bridge-conn-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            RequestDecoder decoder = new RequestDecoder(connection, maxPayload);
            ByteBuffer response = BridgeCodec.allocate(BridgeCodec.REGISTERS_SIZE + 4096);
            BridgeRequest request;
            while ((request = decoder.next()) != null) {
                response = answer(request, response);
                BridgeCodec.writeFully(connection, response);
            }
        } catch (MalformedRequestException e) {
            LOG.info("bridge {}: closing connection on malformed request: {}", path, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.info("bridge {}: connection ended: {}", path, e.toString());
            }
        } finally {
            connections.remove(connection);
        }
    }

    /** Executes one request and encodes its response into {@code buffer} (or a larger one). */
    private ByteBuffer answer(BridgeRequest request, ByteBuffer buffer) throws IOException {
        Registers in = request.registers();
        if (request.kind() == CallKind.LOW_BANDWIDTH) {
            buffer.clear();
            BridgeCodec.putRegisters(buffer, backdoor.lowBandwidth(in));
            return buffer.flip();
        }
        if (request.kind() == CallKind.HIGH_BANDWIDTH_OUT) {
            buffer.clear();
            BridgeCodec.putRegisters(buffer, backdoor.highBandwidthOut(in, ByteBuffer.wrap(request.payload())));
            return buffer.flip();
        }
        int n = in.ecx();
        if (buffer.capacity() < BridgeCodec.REGISTERS_SIZE + n) {
            buffer = BridgeCodec.allocate(BridgeCodec.REGISTERS_SIZE + n);
        }
        buffer.clear();
        ByteBuffer data = buffer.slice(BridgeCodec.REGISTERS_SIZE, n);
        Registers out = backdoor.highBandwidthIn(in, data);
        BridgeCodec.putRegisters(buffer, out);
        boolean delivered = BridgeCodec.deliversPayload(out);
        buffer.position(BridgeCodec.REGISTERS_SIZE + (delivered ? n : 0));
        return buffer.flip();
    }

    /** Stops accepting, closes every connection and removes the socket file. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (SocketChannel c : connections) {
            c.close();
        }
        Files.deleteIfExists(path);
    }
}
