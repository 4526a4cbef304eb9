package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.internal.posix.Fd;
import io.github.guesttools.mdata.internal.posix.PseudoTerminal;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Serves the master side of a pseudo-terminal; guest-side clients open the slave path as if it
 * were {@code /dev/ttyS1}. One byte stream is shared by all clients, as on a real serial line.
 */
final class PtyListener implements Closeable {
    private static final int POLL_MILLIS = 200;
    private final PseudoTerminal pty;
    private volatile boolean closed;

    private PtyListener(PseudoTerminal pty) {
        this.pty = pty;
    }

    static PtyListener start(LineProtocol protocol, int maxLine, Consumer<String> log) throws IOException {
        PtyListener l = new PtyListener(PseudoTerminal.open());
        Thread t = new Thread(() -> l.run(protocol, maxLine, log), "mdata-pty");
        t.setDaemon(true);
        t.start();
        return l;
    }

    String slavePath() {
        return pty.slavePath();
    }

    private void run(LineProtocol protocol, int maxLine, Consumer<String> log) {
        Fd master = pty.master();
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                byte[] tmp = off == 0 ? b : new byte[len];
                while (!closed) {
                    if (master.awaitReadable(POLL_MILLIS)) {
                        int n = master.read(tmp, len);
                        if (n > 0) {
                            if (tmp != b) {
                                System.arraycopy(tmp, 0, b, off, n);
                            }
                            return n;
                        }
                    }
                }
                return -1;
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                master.writeFully(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                master.writeFully(off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };
        try {
            ConnectionLoop.serve(in, out, protocol, maxLine);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.accept("pty " + pty.slavePath() + " failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pty.close();
    }
}
