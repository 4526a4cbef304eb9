package io.github.guesttools.mdata.internal.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** JNA binding of the libc functions used here; loaded on first use only (start-up cost). */
interface LibC extends Library {
    // The versioned name: plain "c" makes JNA dlopen the libc.so linker script, fail, and run ldconfig.
    LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    int open(String path, int flags);

    int close(int fd);

    int read(int fd, byte[] buf, long count);

    int write(int fd, byte[] buf, long count);

    int poll(Pointer fds, long nfds, int timeout);

    int fcntl(int fd, int cmd, Pointer lock);

    int flock(int fd, int operation);

    int tcgetattr(int fd, Pointer termios);

    int tcsetattr(int fd, int action, Pointer termios);

    int isatty(int fd);

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    String ptsname(int fd);

    String strerror(int errnum);
}
