package io.github.guesttools.mdata.internal.posix;

import com.sun.jna.Native;
import java.io.Closeable;

/**
 * A pseudo-terminal pair. The slave side is put in raw mode and kept open, so that the master
 * never reads its own output back as echo and never sees a hang-up while no client has the slave
 * open.
 */
public final class PseudoTerminal implements Closeable {
    private final Fd master;
    private final Fd slave;
    private final String slavePath;

    private PseudoTerminal(Fd master, Fd slave, String slavePath) {
        this.master = master;
        this.slave = slave;
        this.slavePath = slavePath;
    }

    /** Opens a new pair ({@code posix_openpt}, {@code grantpt}, {@code unlockpt}, {@code ptsname}). */
    public static PseudoTerminal open() throws PosixException {
        int m = LibC.posix_openpt(Fd.O_RDWR | Fd.O_NOCTTY | Fd.O_CLOEXEC);
        if (m < 0) {
            throw new PosixException("posix_openpt", Native.getLastError());
        }
        Fd master = new Fd(m);
        try {
            if (LibC.grantpt(m) != 0) {
                throw new PosixException("grantpt", Native.getLastError());
            }
            if (LibC.unlockpt(m) != 0) {
                throw new PosixException("unlockpt", Native.getLastError());
            }
            String path = LibC.ptsname(m);
            if (path == null) {
                throw new PosixException("ptsname", Native.getLastError());
            }
            Fd slave = Fd.openReadWrite(path);
            slave.makeRaw();
            return new PseudoTerminal(master, slave, path);
        } catch (PosixException e) {
            master.close();
            throw e;
        }
    }

    /** The master side, which a server reads and writes. */
    public Fd master() {
        return master;
    }

    /** The path of the slave device, e.g. {@code /dev/pts/3}, which a client opens. */
    public String slavePath() {
        return slavePath;
    }

    @Override
    public void close() {
        slave.close();
        master.close();
    }
}
