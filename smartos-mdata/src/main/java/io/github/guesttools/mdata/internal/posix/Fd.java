package io.github.guesttools.mdata.internal.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.Closeable;

/** An open file descriptor with the raw calls the transports and the pty server need. */
public final class Fd implements Closeable {
    static final int O_RDWR = 02;
    static final int O_NOCTTY = 0400;
    static final int O_CLOEXEC = 02000000;
    private static final int F_SETLK = 6;
    private static final int F_SETLKW = 7;
    private static final short F_WRLCK = 1;
    private static final int LOCK_EX = 2;
    private static final short POLLIN = 0x1;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;

    private final int fd;
    private volatile boolean closed;

    Fd(int fd) {
        this.fd = fd;
    }

    /** Opens {@code path} read-write, without making it the controlling terminal. */
    public static Fd openReadWrite(String path) throws PosixException {
        int fd = LibC.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            throw new PosixException("open " + path, Native.getLastError());
        }
        return new Fd(fd);
    }

    /** The numeric descriptor. */
    public int value() {
        return fd;
    }

    /**
     * Takes a whole-file POSIX write lock ({@code fcntl F_SETLKW}), the lock mdata-client and
     * cloud-init take on the serial device. Blocks until granted.
     */
    public void lockExclusive() throws PosixException {
        lock(F_SETLKW);
    }

    /** Tries the same lock without waiting; returns false when another process holds it. */
    public boolean tryLockExclusive() throws PosixException {
        try {
            lock(F_SETLK);
            return true;
        } catch (PosixException e) {
            if (e.errno() == PosixException.EAGAIN || e.errno() == PosixException.EACCES) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Takes a BSD {@code flock(2)} exclusive lock, the lock of the {@code flock(1)} command, so that
     * shell scripts can share it. Blocks until granted; closing the descriptor releases it.
     */
    public void flockExclusive() throws PosixException {
        while (LibC.flock(fd, LOCK_EX) != 0) {
            int errno = Native.getLastError();
            if (errno != PosixException.EINTR) {
                throw new PosixException("flock", errno);
            }
        }
    }

    private void lock(int cmd) throws PosixException {
        // struct flock (Linux x86_64/aarch64): short l_type, short l_whence, off_t l_start,
        // off_t l_len, pid_t l_pid; 32 bytes with padding. Start 0 and length 0 mean the whole file.
        Memory flock = new Memory(32);
        flock.clear();
        flock.setShort(0, F_WRLCK);
        while (LibC.fcntl(fd, cmd, flock) != 0) {
            int errno = Native.getLastError();
            if (errno != PosixException.EINTR) {
                throw new PosixException("fcntl lock", errno);
            }
        }
    }

    /**
     * Puts a terminal in raw mode as mdata-client does: no echo, no CR/LF translation, no output
     * processing, no signals, 8-bit characters, HUPCL cleared, VMIN=0 and VTIME=1.
     */
    public void makeRaw() throws PosixException {
        Termios.makeRaw(this);
    }

    /** True when descriptor {@code fd} of this process (e.g. 0 for stdin) is a terminal. */
    public static boolean isTerminal(int fd) {
        return LibC.isatty(fd) == 1;
    }

    /** True when this descriptor is a terminal. */
    public boolean isTerminal() {
        return LibC.isatty(fd) == 1;
    }

    /**
     * Waits up to {@code timeoutMillis} for input. Returns true when reading will not block (data,
     * end of file or an error to report).
     */
    public boolean awaitReadable(int timeoutMillis) throws PosixException {
        Memory pfd = new Memory(8);
        pfd.setInt(0, fd);
        pfd.setShort(4, POLLIN);
        pfd.setShort(6, (short) 0);
        int n = LibC.poll(pfd, 1, timeoutMillis);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == PosixException.EINTR) {
                return false;
            }
            throw new PosixException("poll", errno);
        }
        return n > 0 && (pfd.getShort(6) & (POLLIN | POLLERR | POLLHUP)) != 0;
    }

    /** Reads up to {@code length} bytes into {@code buf}; returns 0 at end of file. */
    public int read(byte[] buf, int length) throws PosixException {
        while (true) {
            int n = LibC.read(fd, buf, length);
            if (n >= 0) {
                return n;
            }
            int errno = Native.getLastError();
            if (errno == PosixException.EAGAIN) {
                return 0;
            }
            if (errno != PosixException.EINTR) {
                throw new PosixException("read", errno);
            }
        }
    }

    /** Writes all of {@code data}, retrying short writes. */
    public void writeFully(byte[] data) throws PosixException {
        int off = 0;
        while (off < data.length) {
            byte[] chunk = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, data.length);
            int n = LibC.write(fd, chunk, chunk.length);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == PosixException.EINTR || errno == PosixException.EAGAIN) {
                    continue;
                }
                throw new PosixException("write", errno);
            }
            off += n;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
