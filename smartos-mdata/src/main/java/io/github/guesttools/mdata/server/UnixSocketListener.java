package io.github.guesttools.mdata.server;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Listens on a Unix socket and serves each connection on its own thread. A connection's failure
 * ends only that connection; the number of connections is bounded.
 */
final class UnixSocketListener implements Closeable {
  private static final int MAX_CONNECTIONS = 64;

  private final ServerSocketChannel server;
  private final Path path;
  private final LineProtocol protocol;
  private final int maxLine;
  private final Consumer<String> log;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private UnixSocketListener(ServerSocketChannel server, Path path, LineProtocol protocol,
      int maxLine, Consumer<String> log) {
    this.server = server;
    this.path = path;
    this.protocol = protocol;
    this.maxLine = maxLine;
    this.log = log;
  }

  static UnixSocketListener start(Path path, LineProtocol protocol, int maxLine,
      Consumer<String> log) throws IOException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (!(mode instanceof Integer) || ((Integer) mode & 0170000) != 0140000) {
        throw new IOException(path + " exists and is not a socket");
      }
      Files.delete(path); // a stale socket of an earlier run
    }
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    ch.bind(UnixDomainSocketAddress.of(path));
    UnixSocketListener l = new UnixSocketListener(ch, path, protocol, maxLine, log);
    Thread t = new Thread(l::acceptLoop, "mdata-accept " + path);
    t.setDaemon(true);
    t.start();
    return l;
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel c;
      try {
        slots.acquire();
        c = server.accept();
      } catch (IOException | InterruptedException e) {
        slots.release();
        if (!closed) {
          log.accept("accept failed on " + path + ": " + e.getMessage());
        }
        return;
      }
      open.add(c);
      Thread t = new Thread(() -> serve(c), "mdata-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(SocketChannel c) {
    try (c) {
      ConnectionLoop.serve(Channels.newInputStream(c), Channels.newOutputStream(c), protocol, maxLine);
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        log.accept("connection on " + path + " ended: " + e);
      }
    } finally {
      open.remove(c);
      slots.release();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (SocketChannel c : open) {
      c.close();
    }
    Files.deleteIfExists(path);
  }
}
