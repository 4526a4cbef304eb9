package io.github.guesttools.backdoor.bridge;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The guest side of the simulator bridge: a {@link Backdoor} whose calls travel over one Unix
 * domain socket connection to a {@code BridgeServer} of backdoor-simulator (or any simulator that speaks
 * docs/protocols/simulator-bridge.md). Calls from several threads are serialised on the connection. When the
 * connection breaks, this and every later call fails with {@link BackdoorException}, as a
 * hypervisor that stopped answering; connect again to recover.
 */
public final class BridgeBackdoor implements Backdoor {
    private final SocketChannel channel;
    private final Path path;
    private ByteBuffer buffer = BridgeCodec.allocate(BridgeCodec.REQUEST_HEADER_SIZE + 4096);
    private boolean broken;

    private BridgeBackdoor(SocketChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    /**
     * Connects to a bridge socket, only one that root or this process's user owns and serves.
     *
     * @throws BackdoorException if nothing listens at {@code path}, or the socket or its listener
     *     belongs to another user
     */
    public static BridgeBackdoor connect(Path path) throws BackdoorException {
        SocketOwner.checkFile(path);
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(path));
            SocketOwner.checkPeer(channel, path);
            return new BridgeBackdoor(channel, path);
        } catch (BackdoorException e) {
            close(channel, e);
            throw e;
        } catch (IOException e) {
            close(channel, e);
            throw new BackdoorException("cannot connect to the simulator bridge at " + path + ": " + e.getMessage(), e);
        }
    }

    private static void close(SocketChannel channel, IOException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /** Returns false: the bridge copies from and to heap buffers. */
    @Override
    public boolean needsDirectBuffers() {
        return false;
    }

    @Override
    public Registers lowBandwidth(Registers in) throws BackdoorException {
        return call(CallKind.LOW_BANDWIDTH, in, null);
    }

    @Override
    public Registers highBandwidthOut(Registers in, ByteBuffer source) throws BackdoorException {
        // The buffer address has no meaning on the bridge: ESI travels as 0.
        return call(
                CallKind.HIGH_BANDWIDTH_OUT,
                new Registers(in.eax(), in.ebx(), in.ecx(), in.edx(), 0, in.edi(), in.ebp()),
                source);
    }

    @Override
    public Registers highBandwidthIn(Registers in, ByteBuffer destination) throws BackdoorException {
        return call(
                CallKind.HIGH_BANDWIDTH_IN,
                new Registers(in.eax(), in.ebx(), in.ecx(), in.edx(), in.esi(), 0, in.ebp()),
                destination);
    }

    private synchronized Registers call(CallKind kind, Registers in, ByteBuffer data) throws BackdoorException {
        if (broken) {
            throw new BackdoorException("the simulator bridge connection to " + path + " is closed");
        }
        int n = kind == CallKind.LOW_BANDWIDTH ? 0 : in.ecx();
        if (n < 0 || (data != null && data.remaining() < n)) {
            throw new IllegalArgumentException("buffer of " + (data == null ? 0 : data.remaining())
                    + " bytes for a byte count of " + Integer.toUnsignedLong(n));
        }
        try {
            int outgoing = kind == CallKind.HIGH_BANDWIDTH_OUT ? n : 0;
            ByteBuffer b = buffer(BridgeCodec.REQUEST_HEADER_SIZE + outgoing);
            b.put((byte) kind.code());
            BridgeCodec.putRegisters(b, in);
            if (outgoing > 0) {
                b.put(data.slice(data.position(), outgoing));
            }
            BridgeCodec.writeFully(channel, b.flip());

            b.clear().limit(BridgeCodec.REGISTERS_SIZE);
            BridgeCodec.readFully(channel, b, false);
            Registers out = BridgeCodec.getRegisters(b.flip());
            if (kind == CallKind.HIGH_BANDWIDTH_IN && n > 0 && BridgeCodec.deliversPayload(out)) {
                BridgeCodec.readFully(channel, data.slice(data.position(), n), false);
            }
            return out;
        } catch (IOException e) {
            broken = true;
            closeQuietly();
            throw new BackdoorException("simulator bridge connection to " + path + " failed: " + e, e);
        }
    }

    private ByteBuffer buffer(int size) {
        if (buffer.capacity() < size) {
            buffer = BridgeCodec.allocate(size);
        }
        return buffer.clear();
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The connection is already broken; nothing more to report.
        }
    }

    /** Closes the connection. */
    @Override
    public synchronized void close() throws IOException {
        broken = true;
        channel.close();
    }

    @Override
    public String toString() {
        return "BridgeBackdoor[unix:" + path + "]";
    }
}
