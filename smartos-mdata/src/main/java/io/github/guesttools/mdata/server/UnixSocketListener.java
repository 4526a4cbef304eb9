package io.github.guesttools.mdata.server;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Listens on a Unix socket and serves each connection on its own thread. A connection's failure
 * ends only that connection. Connections are bounded ({@link SocketLimits}): one idle for longer
 * than the idle limit is closed, and so is one whose reply has not been read for as long (the
 * peer holds a thread and the reply); when the limit of connections is reached, the one idle or
 * unread the longest is closed to admit the newcomer, and only when every connection is answering
 * a request is the newcomer refused, with a line saying so.
 */
final class UnixSocketListener implements Closeable {
    private static final long REFUSED_LINGER_MILLIS = 2000;
    private final ServerSocketChannel server;
    private final Path path;
    private final LineProtocol protocol;
    private final int maxLine;
    private final SocketLimits limits;
    private final Consumer<String> log;
    private final Map<SocketChannel, Activity> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final AtomicInteger lingering = new AtomicInteger();
    private volatile boolean closed;
    /** The inode of the socket file this listener bound: only that file is removed on close. */
    private final Object boundFile;

    /** What a connection is doing and since when. */
    private static final class Activity {
        volatile long lastNanos = System.nanoTime();
        volatile ConnectionLoop.Phase phase = ConnectionLoop.Phase.WAITING;

        void update(ConnectionLoop.Phase now) {
            phase = now;
            lastNanos = System.nanoTime();
        }

        /** Waiting for a request, or for the peer to read its reply: closing it costs no one else. */
        boolean evictable() {
            return phase != ConnectionLoop.Phase.ANSWERING;
        }
    }

    private UnixSocketListener(
            ServerSocketChannel server,
            Path path,
            Object boundFile,
            LineProtocol protocol,
            int maxLine,
            SocketLimits limits,
            Consumer<String> log) {
        this.server = server;
        this.path = path;
        this.boundFile = boundFile;
        this.protocol = protocol;
        this.maxLine = maxLine;
        this.limits = limits;
        this.log = log;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mdata-idle " + path);
            t.setDaemon(true);
            return t;
        });
    }

    static UnixSocketListener start(
            Path path, LineProtocol protocol, int maxLine, SocketLimits limits, Consumer<String> log)
            throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (!(mode instanceof Integer) || ((Integer) mode & 0170000) != 0140000) {
                throw new IOException(path + " exists and is not a socket");
            }
            if (accepting(path)) {
                // Replacing it would cut that server's guest off (its socket gone, it still running).
                throw new IOException(path + " is served by another process: not taken over");
            }
            Files.delete(path); // a stale socket of an earlier run
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(path));
        Object boundFile = Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        UnixSocketListener l = new UnixSocketListener(ch, path, boundFile, protocol, maxLine, limits, log);
        long period = Math.max(10, Math.min(1000, limits.idleMillis() / 4));
        l.reaper.scheduleWithFixedDelay(l::closeIdle, period, period, TimeUnit.MILLISECONDS);
        Thread t = new Thread(l::acceptLoop, "mdata-accept " + path);
        t.setDaemon(true);
        t.start();
        return l;
    }

    /** Whether a server accepts connections on the socket at {@code path} (a stale one refuses). */
    private static boolean accepting(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("accept failed on " + path + ": " + e.getMessage());
                }
                return;
            }
            if (!admit(c)) {
                continue;
            }
            Thread t = new Thread(() -> serve(c), "mdata-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Makes room for {@code c} or refuses it; only the accepting thread adds connections. */
    private boolean admit(SocketChannel c) {
        if (open.size() >= limits.maxConnections()) {
            Map.Entry<SocketChannel, Activity> idlest = null;
            for (Map.Entry<SocketChannel, Activity> e : open.entrySet()) {
                if (e.getValue().evictable()
                        && (idlest == null || e.getValue().lastNanos < idlest.getValue().lastNanos)) {
                    idlest = e.getKey().isOpen() ? e : idlest;
                }
            }
            if (idlest == null) {
                refuse(c);
                return false;
            }
            log.accept("connection limit (" + limits.maxConnections() + ") reached on " + path
                    + ": closing the connection idle the longest");
            closeQuietly(idlest.getKey());
            open.remove(idlest.getKey());
        }
        open.put(c, new Activity());
        return true;
    }

    /**
     * Writes the refusal and closes a little later: closed at once, the client's probe would fail
     * with EPIPE before it could read why. At most {@code maxConnections} refused sockets linger.
     */
    private void refuse(SocketChannel c) {
        log.accept("refused a connection on " + path + ": all " + limits.maxConnections()
                + " connections are answering requests");
        try {
            c.write(ByteBuffer.wrap(SocketLimits.REFUSAL.getBytes(StandardCharsets.US_ASCII)));
            c.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(c); // the refused client went away already
            return;
        }
        if (lingering.incrementAndGet() > limits.maxConnections()) {
            lingering.decrementAndGet();
            closeQuietly(c);
            return;
        }
        reaper.schedule(
                () -> {
                    closeQuietly(c);
                    lingering.decrementAndGet();
                },
                REFUSED_LINGER_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (Map.Entry<SocketChannel, Activity> e : open.entrySet()) {
            Activity a = e.getValue();
            if (a.evictable() && now - a.lastNanos > limits.idleMillis() * 1_000_000L) {
                log.accept("closed a connection on " + path
                        + (a.phase == ConnectionLoop.Phase.REPLYING
                                ? " that did not read its reply for more than "
                                : " idle for more than ")
                        + limits.idleMillis() + " ms");
                closeQuietly(e.getKey());
                open.remove(e.getKey());
            }
        }
    }

    private void serve(SocketChannel c) {
        Activity activity = open.get(c);
        try (c) {
            if (activity == null) {
                return; // closed before this thread started
            }
            ConnectionLoop.serve(
                    Channels.newInputStream(c), Channels.newOutputStream(c), protocol, maxLine, activity::update);
        } catch (IOException | RuntimeException e) {
            if (!closed && c.isOpen()) {
                log.accept("connection on " + path + " ended: " + e);
            }
        } finally {
            open.remove(c);
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        reaper.shutdownNow();
        server.close();
        for (SocketChannel c : open.keySet()) {
            closeQuietly(c);
        }
        // Not a socket another server has put there since (after removing ours as stale).
        try {
            if (Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS).equals(boundFile)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException gone) {
            // removed by someone else: nothing of ours to remove
        }
    }
}
