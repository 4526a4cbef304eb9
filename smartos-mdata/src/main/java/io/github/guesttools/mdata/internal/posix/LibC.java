package io.github.guesttools.mdata.internal.posix;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of the libc functions used here, bound when this class is first used (a tool
 * that never opens a serial line or a pty never loads JNA). Direct mapping rather than a
 * {@code Library} interface: no {@link java.lang.reflect.Proxy} class is generated at every start
 * (about 10 ms of {@code mdata-get} on a serial line, docs/PERFORMANCE.md) and each call skips the
 * proxy's reflection. {@link Native#getLastError()} gives errno after a call, as before.
 */
final class LibC {
    static {
        // The versioned name: plain "c" makes JNA dlopen the libc.so linker script, fail, and run ldconfig.
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {}

    static native int open(String path, int flags);

    static native int close(int fd);

    static native int read(int fd, byte[] buf, long count);

    static native int write(int fd, byte[] buf, long count);

    static native int poll(Pointer fds, long nfds, int timeout);

    static native int fcntl(int fd, int cmd, Pointer lock);

    static native int flock(int fd, int operation);

    static native int tcgetattr(int fd, Pointer termios);

    static native int tcsetattr(int fd, int action, Pointer termios);

    static native int isatty(int fd);

    static native int posix_openpt(int flags);

    static native int grantpt(int fd);

    static native int unlockpt(int fd);

    static native String ptsname(int fd);

    static native String strerror(int errnum);
}
