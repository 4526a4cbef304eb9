package io.github.guesttools.mdata.server;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A host-side metadata service for one VM: serves a {@link MetadataStore} on Unix sockets and
 * pseudo-terminals.
 *
 * <pre>{@code
 * MetadataServer server = new MetadataServer(MetadataStore.load(file, MetadataStore.DEFAULT_MAX_VALUE_BYTES));
 * server.listenOnSocket(Path.of("/run/vm1/metadata.sock"));  // QEMU: -chardev socket,...,server=off
 * String pts = server.listenOnPty();                        // a guest-like client opens this
 * }</pre>
 */
public final class MetadataServer implements Closeable {
    private final MetadataStore store;
    private final LineProtocol protocol;
    private final Consumer<String> log;
    private final List<Closeable> listeners = new ArrayList<>();

    /** A server that drops malformed V2 frames silently, as SmartOS does, and logs nowhere. */
    public MetadataServer(MetadataStore store) {
        this(store, true, false, m -> {});
    }

    /**
     * A server. {@code silentOnBadFrames} drops malformed V2 frames without a reply, as SmartOS
     * does; {@code v1Only} plays a host from before 2013 that refuses {@code NEGOTIATE V2};
     * {@code log} receives connection errors.
     */
    public MetadataServer(MetadataStore store, boolean silentOnBadFrames, boolean v1Only, Consumer<String> log) {
        this.store = store;
        store.logTo(log);
        this.protocol = new LineProtocol(new RequestHandler(store), silentOnBadFrames, v1Only);
        this.log = log;
    }

    /**
     * Listens on a Unix socket at {@code path} with the default limits, replacing a stale socket
     * there; a socket another process serves is refused (IOException), not taken over. On close only
     * the socket this server made is removed.
     */
    public synchronized void listenOnSocket(Path path) throws IOException {
        listenOnSocket(path, SocketLimits.DEFAULT);
    }

    /** As {@link #listenOnSocket(Path)}, with {@code limits}. */
    public synchronized void listenOnSocket(Path path, SocketLimits limits) throws IOException {
        listeners.add(UnixSocketListener.start(path, protocol, maxLine(), limits, log));
    }

    /** Opens a pseudo-terminal, serves its master side and returns the slave path. */
    public synchronized String listenOnPty() throws IOException {
        PtyListener l = PtyListener.start(protocol, maxLine(), log);
        listeners.add(l);
        return l.slavePath();
    }

    private int maxLine() {
        return ConnectionLoop.maxLineFor(store.maxValueBytes());
    }

    /** Stops every listener. */
    @Override
    public synchronized void close() throws IOException {
        for (Closeable c : listeners) {
            c.close();
        }
        listeners.clear();
    }
}
