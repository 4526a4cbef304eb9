package io.github.guesttools.mdata.transport;

import io.github.guesttools.mdata.posix.Fd;
import io.github.guesttools.mdata.posix.PosixException;
import java.io.IOException;
import java.util.Locale;

/**
 * The metadata socket of a SmartOS zone, or any host listening on a Unix socket (QEMU's serial
 * backend, {@code MetadataServerMain}). On Linux it connects through libc, which starts much
 * faster than the JDK's channels; elsewhere it uses {@link JdkUnixSocketTransport}.
 */
public final class UnixSocketTransport implements Transport {
  private final Fd fd;
  private final String path;

  private UnixSocketTransport(Fd fd, String path) {
    this.fd = fd;
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
  public static Transport open(String path) throws TransportException {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return JdkUnixSocketTransport.open(path);
    }
    try {
      return new UnixSocketTransport(Fd.connectUnix(path), path);
    } catch (PosixException e) {
      int errno = e.errno();
      if (errno == PosixException.ENOENT) {
        throw new TransportException("Could not find metadata socket.", false, e);
      }
      boolean permanent = errno == PosixException.EACCES || errno == PosixException.EPERM;
      throw new TransportException("Could not connect metadata socket.", permanent, e);
    } catch (LinkageError e) {
      return JdkUnixSocketTransport.open(path);
    }
  }

  @Override
  public void write(byte[] data) throws IOException {
    fd.writeFully(data);
  }

  @Override
  public int read(byte[] buf, int timeoutMillis) throws IOException {
    if (!fd.awaitReadable(timeoutMillis)) {
      return 0;
    }
    int n = fd.read(buf, buf.length);
    return n == 0 ? -1 : n; // on a stream socket, 0 is the end of the stream
  }

  @Override
  public void drain() {
    // Each client has its own connection: no stale bytes from other processes.
  }

  @Override
  public String description() {
    return path;
  }

  @Override
  public void close() {
    fd.close();
  }
}
