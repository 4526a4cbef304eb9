package io.github.guesttools.process.internal.posix;

/**
 * POSIX calls through the project's one libc binding (guest-identity). {@link
 * ProcessHandle#destroy()} can only send SIGTERM or SIGKILL and hides errno, but killing a process
 * tree safely needs SIGSTOP and telling ESRCH from EPERM.
 */
public final class Posix {
    /** Signal numbers (Linux, all architectures this project targets). */
    public static final int SIGKILL = 9;

    /** Stops a process; it cannot fork while stopped. */
    public static final int SIGSTOP = 19;

    /** errno: no such process. */
    public static final int ESRCH = io.github.guesttools.identity.internal.Posix.ESRCH;

    /** errno: operation not permitted. */
    public static final int EPERM = io.github.guesttools.identity.internal.Posix.EPERM;

    private Posix() {}

    /**
     * Sends a signal with the calling thread's credentials (run it through {@code RunAs} to send it
     * as a user).
     *
     * @return 0 on success, else the errno value
     */
    public static int kill(long pid, int signal) {
        return io.github.guesttools.identity.internal.Posix.kill(pid, signal);
    }

    /** The effective uid of this JVM. */
    public static int effectiveUid() {
        return io.github.guesttools.identity.internal.Posix.geteuid();
    }

    /** Clock ticks per second, the unit of start times in {@code /proc/<pid>/stat}. */
    public static long clockTicksPerSecond() {
        return io.github.guesttools.identity.internal.Posix.clockTicksPerSecond();
    }
}
