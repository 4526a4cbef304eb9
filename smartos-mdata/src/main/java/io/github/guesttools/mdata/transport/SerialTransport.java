package io.github.guesttools.mdata.transport;

import io.github.guesttools.mdata.internal.posix.Fd;
import io.github.guesttools.mdata.internal.posix.PosixException;
import java.io.IOException;

/**
 * The serial line of a KVM or bhyve guest ({@code /dev/ttyS1} on Linux). Opening takes the
 * whole-file {@code fcntl} write lock that mdata-client and cloud-init take, so that the three
 * never interleave exchanges, then sets raw mode.
 */
public final class SerialTransport implements Transport {
    /**
     * How long the line must be quiet to end the drain. mdata-client waits 100 ms (its {@code VTIME}
     * granularity) because its probe takes only the first line that arrives; ours skips stale lines
     * until {@code invalid command} ({@code Session}), so the drain only has to catch the tail of a
     * line already on its way, which an emulated UART delivers back to back. 100 ms was most of a
     * {@code mdata-get} on a serial line (docs/PERFORMANCE.md, "Session 6").
     */
    static final int DRAIN_QUIET_MILLIS = 10;

    private final Fd fd;
    private final String path;

    private SerialTransport(Fd fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    /** An opener for the device at {@code path}. */
    public static TransportOpener opener(String path) {
        return new TransportOpener() {
            @Override
            public Transport open() throws TransportException {
                return SerialTransport.open(path);
            }

            @Override
            public String description() {
                return path;
            }
        };
    }

    /** Opens, locks (waiting as long as another process holds the lock) and sets raw mode. */
    public static SerialTransport open(String path) throws TransportException {
        if (!System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) {
            // The termios layout and flag values in the posix package are Linux's.
            throw new TransportException("serial transport is implemented for Linux only", true, null);
        }
        Fd fd;
        try {
            fd = Fd.openReadWrite(path);
        } catch (PosixException e) {
            int errno = e.errno();
            boolean transient_ =
                    errno == PosixException.EAGAIN || errno == PosixException.EBUSY || errno == PosixException.EINTR;
            throw new TransportException("Could not open serial device.", !transient_, e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new TransportException("Could not open serial device.", true, e);
        }
        try {
            fd.lockExclusive();
        } catch (PosixException e) {
            fd.close();
            throw new TransportException("Could not lock serial device.", true, e);
        }
        try {
            fd.makeRaw();
        } catch (PosixException e) {
            fd.close();
            throw new TransportException("could not set raw mode on serial device", true, e);
        }
        return new SerialTransport(fd, path);
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
        // poll() said readable, so nothing to read means a hang-up (POLLHUP), as mdata-client counts
        // EPOLLHUP: report the end of the stream rather than spin until the line timeout.
        return n == 0 ? -1 : n;
    }

    @Override
    public void drain(long maxMillis) throws IOException {
        byte[] scratch = new byte[4096];
        long end = System.nanoTime() + maxMillis * 1_000_000L;
        long left;
        while ((left = (end - System.nanoTime()) / 1_000_000L) > 0
                && fd.awaitReadable((int) Math.min(DRAIN_QUIET_MILLIS, left))) {
            if (fd.read(scratch, scratch.length) <= 0) {
                return;
            }
        }
    }

    @Override
    public String description() {
        return path;
    }

    @Override
    public void close() {
        // Closing the descriptor releases the fcntl lock.
        fd.close();
    }
}
