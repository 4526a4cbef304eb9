package io.github.guesttools.process.posix;

import com.sun.jna.LastErrorException;

/**
 * POSIX calls through JNA. {@link ProcessHandle#destroy()} can only send SIGTERM or SIGKILL and
 * hides errno, but killing a process tree safely needs SIGSTOP and telling ESRCH from EPERM.
 */
public final class Posix {
  /** Signal numbers (Linux, all architectures this project targets). */
  public static final int SIGKILL = 9;

  /** Stops a process; it cannot fork while stopped. */
  public static final int SIGSTOP = 19;

  /** errno: no such process. */
  public static final int ESRCH = 3;

  /** errno: operation not permitted. */
  public static final int EPERM = 1;

  private static final int SC_CLK_TCK = 2;

  private Posix() {}

  /**
   * Sends a signal.
   *
   * @return 0 on success, else the errno value
   */
  public static int kill(long pid, int signal) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      // kill(0) and negative pids address process groups; never let a bad pid reach the OS.
      return ESRCH;
    }
    try {
      LibC.INSTANCE.kill((int) pid, signal);
      return 0;
    } catch (LastErrorException e) {
      return e.getErrorCode();
    }
  }

  /** The effective uid of this JVM. */
  public static int effectiveUid() {
    return LibC.INSTANCE.geteuid();
  }

  /** Clock ticks per second, the unit of start times in {@code /proc/<pid>/stat}. */
  public static long clockTicksPerSecond() {
    long ticks = LibC.INSTANCE.sysconf(SC_CLK_TCK);
    return ticks > 0 ? ticks : 100;
  }
}
