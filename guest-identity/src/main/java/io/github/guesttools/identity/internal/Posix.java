package io.github.guesttools.identity.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The project's one libc binding: the calls the JDK does not offer. User database look-ups,
 * supplementary groups, raw per-thread credential syscalls, signals, {@code open} with flags the
 * JDK lacks, {@code strerror}. Linux only (x86-64 and arm64). Internal: other modules of this
 * project may use it, embedders should not.
 */
public final class Posix {
    private static final LibC C = Native.load("c", LibC.class);
    private static final Syscalls SYS = Syscalls.forArch(System.getProperty("os.arch", ""));

    /** errno: operation not permitted. */
    public static final int EPERM = 1;
    /** errno: no such process. */
    public static final int ESRCH = 3;
    /** errno: result out of range (buffer too small). */
    public static final int ERANGE = 34;
    /** {@code access} mode bit: read. */
    public static final int R_OK = 4;
    /** {@code access} mode bit: write. */
    public static final int W_OK = 2;
    /** {@code open} flag: an fd that only names the file; never blocks, never reads. */
    public static final int O_PATH = 010000000;
    /** {@code open} flag: do not follow a final symbolic link. */
    public static final int O_NOFOLLOW = 0400000;
    /** {@code open} flag: close on exec. */
    public static final int O_CLOEXEC = 02000000;
    /** {@code open} flag: never wait (FIFOs, devices). */
    public static final int O_NONBLOCK = 04000;
    /** {@code st_mode} file type mask and the regular-file type. */
    public static final int S_IFMT = 0170000;
    /** {@code st_mode} type of a regular file. */
    public static final int S_IFREG = 0100000;

    private static final int SC_CLK_TCK = 2;

    private Posix() {}

    interface LibC extends Library {
        long syscall(long number, Object... args);

        int geteuid();

        int getegid();

        int getgroups(int size, int[] list);

        int getpwnam_r(String name, Passwd pwd, Pointer buf, long buflen, PointerByReference result);

        int getpwuid_r(int uid, Passwd pwd, Pointer buf, long buflen, PointerByReference result);

        int getgrouplist(String user, int group, int[] groups, IntByReference ngroups);

        String strerror(int errnum);

        int chmod(String path, int mode);

        int chown(String path, int uid, int gid);

        int kill(int pid, int signal);

        long sysconf(int name);

        int open(String path, int flags);

        int close(int fd);
    }

    /** {@code struct passwd} from {@code <pwd.h>}; JNA lays it out for the platform's ABI. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    public static final class Passwd extends Structure {
        public Pointer pw_name;
        public Pointer pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public Pointer pw_gecos;
        public Pointer pw_dir;
        public Pointer pw_shell;
    }

    /** Syscall numbers for the per-thread calls, which differ per architecture. */
    private record Syscalls(
            long setgroups,
            long setfsuid,
            long setfsgid,
            long faccessat2,
            long setresuid,
            long getresuid,
            long setresgid,
            long getresgid,
            long capget,
            long gettid,
            long statx) {
        static Syscalls forArch(String arch) {
            return switch (arch.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> new Syscalls(116, 122, 123, 439, 117, 118, 119, 120, 125, 186, 332);
                case "aarch64", "arm64" -> new Syscalls(159, 151, 152, 439, 147, 148, 149, 150, 90, 178, 291);
                default -> null;
            };
        }
    }

    /**
     * A {@code struct passwd} entry.
     *
     * @param name login name
     * @param uid user id
     * @param gid primary group id
     * @param home home directory
     * @param shell login shell (as stored: may be empty)
     */
    public record PasswdEntry(String name, int uid, int gid, String home, String shell) {}

    /** @return the effective uid of the process */
    public static int geteuid() {
        return C.geteuid();
    }

    /** @return the effective gid of the process */
    public static int getegid() {
        return C.getegid();
    }

    /** @return whether the per-thread credential syscalls are known for this architecture */
    public static boolean threadCredentialsSupported() {
        return SYS != null;
    }

    /**
     * @param name a login name
     * @return its passwd entry (NSS aware), if any
     */
    public static Optional<PasswdEntry> getpwnam(String name) {
        return lookup(name, 0, true);
    }

    /**
     * @param uid a user id
     * @return its passwd entry (NSS aware), if any
     */
    public static Optional<PasswdEntry> getpwuid(int uid) {
        return lookup(null, uid, false);
    }

    private static Optional<PasswdEntry> lookup(String name, int uid, boolean byName) {
        for (int size = 4096; size <= 1 << 20; size *= 4) {
            Passwd pwd = new Passwd();
            Memory buf = new Memory(size);
            PointerByReference result = new PointerByReference();
            int rc = byName ? C.getpwnam_r(name, pwd, buf, size, result) : C.getpwuid_r(uid, pwd, buf, size, result);
            if (rc == ERANGE) {
                continue;
            }
            if (rc != 0 || result.getValue() == null) {
                return Optional.empty();
            }
            pwd.read();
            return Optional.of(new PasswdEntry(
                    string(pwd.pw_name), pwd.pw_uid, pwd.pw_gid, string(pwd.pw_dir), string(pwd.pw_shell)));
        }
        return Optional.empty();
    }

    private static String string(Pointer p) {
        return p == null ? "" : p.getString(0);
    }

    /**
     * @param user a login name
     * @param gid its primary group
     * @return all groups of the user, the primary one included
     */
    public static int[] getgrouplist(String user, int gid) {
        int[] groups = new int[64];
        IntByReference n = new IntByReference(groups.length);
        while (C.getgrouplist(user, gid, groups, n) < 0) {
            if (n.getValue() <= groups.length || n.getValue() > 65536) {
                break;
            }
            groups = new int[n.getValue()];
            n.setValue(groups.length);
        }
        return Arrays.copyOf(groups, Math.min(n.getValue(), groups.length));
    }

    /** @return the supplementary groups of the calling thread */
    public static int[] getgroups() {
        int n = C.getgroups(0, null);
        int[] groups = new int[Math.max(n, 0)];
        int got = C.getgroups(groups.length, groups);
        return Arrays.copyOf(groups, Math.max(got, 0));
    }

    /**
     * Sets the supplementary groups of the calling thread only. glibc's {@code setgroups} would
     * change every thread of the process, hence the raw syscall.
     *
     * @param groups the groups
     * @return 0 or -errno
     */
    public static long setThreadGroups(int[] groups) {
        requireSyscalls();
        return call(SYS.setgroups, (long) groups.length, groups.length == 0 ? new int[1] : groups);
    }

    /**
     * {@code setresuid} for the calling thread only (raw syscall; glibc's wrapper changes every
     * thread). -1 keeps an id.
     *
     * @return 0 or -errno
     */
    public static long setThreadResuid(int ruid, int euid, int suid) {
        requireSyscalls();
        return call(SYS.setresuid, (long) ruid, (long) euid, (long) suid);
    }

    /**
     * {@code setresgid} for the calling thread only (raw syscall). -1 keeps an id.
     *
     * @return 0 or -errno
     */
    public static long setThreadResgid(int rgid, int egid, int sgid) {
        requireSyscalls();
        return call(SYS.setresgid, (long) rgid, (long) egid, (long) sgid);
    }

    /** @return real, effective and saved uid of the calling thread, or null when the call fails */
    public static int[] getThreadResuid() {
        requireSyscalls();
        return ids(SYS.getresuid);
    }

    /** @return real, effective and saved gid of the calling thread, or null when the call fails */
    public static int[] getThreadResgid() {
        requireSyscalls();
        return ids(SYS.getresgid);
    }

    private static int[] ids(long number) {
        Memory r = new Memory(4);
        Memory e = new Memory(4);
        Memory s = new Memory(4);
        return call(number, r, e, s) == 0 ? new int[] {r.getInt(0), e.getInt(0), s.getInt(0)} : null;
    }

    /**
     * The calling thread's capability sets ({@code capget}, version 3: 64 bits each).
     *
     * @return {effective, permitted}, or null when the call fails
     */
    public static long[] getThreadCapabilities() {
        requireSyscalls();
        int[] header = {0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0 /* this thread */};
        int[] data = new int[6]; // two of {effective, permitted, inheritable}
        if (call(SYS.capget, header, data) != 0) {
            return null;
        }
        long effective = (data[0] & 0xffffffffL) | ((long) data[3] << 32);
        long permitted = (data[1] & 0xffffffffL) | ((long) data[4] << 32);
        return new long[] {effective, permitted};
    }

    /** @return the kernel id of the calling thread */
    public static int gettid() {
        requireSyscalls();
        return (int) C.syscall(SYS.gettid);
    }

    /**
     * Sets the filesystem uid of the calling thread (raw syscall).
     *
     * @param uid the uid, or -1 to query
     * @return the previous filesystem uid
     */
    public static int setThreadFsuid(int uid) {
        requireSyscalls();
        return (int) C.syscall(SYS.setfsuid, (long) uid);
    }

    /**
     * Sets the filesystem gid of the calling thread (raw syscall).
     *
     * @param gid the gid, or -1 to query
     * @return the previous filesystem gid
     */
    public static int setThreadFsgid(int gid) {
        requireSyscalls();
        return (int) C.syscall(SYS.setfsgid, (long) gid);
    }

    /**
     * @param errno an errno value
     * @return libc's message for it, the text the JDK puts into a {@code FileSystemException}
     */
    public static String strerror(int errno) {
        return C.strerror(errno);
    }

    /**
     * {@code chmod(2)} with the full mode (setuid, setgid and sticky bits included, which
     * {@code Files.setPosixFilePermissions} cannot set).
     *
     * @param path the file (links are followed)
     * @param mode the mode bits
     * @return 0 or errno
     */
    public static int chmod(String path, int mode) {
        return C.chmod(path, mode) == 0 ? 0 : Native.getLastError();
    }

    /**
     * {@code chown(2)}; -1 keeps an id.
     *
     * @param path the file (links are followed)
     * @param uid new owner or -1
     * @param gid new group or -1
     * @return 0 or errno
     */
    public static int chown(String path, int uid, int gid) {
        return C.chown(path, uid, gid) == 0 ? 0 : Native.getLastError();
    }

    /**
     * Sends a signal with the calling thread's credentials.
     *
     * @return 0 on success, else the errno value
     */
    public static int kill(long pid, int signal) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            // kill(0) and negative pids address process groups; never let a bad pid reach the OS.
            return ESRCH;
        }
        return C.kill((int) pid, signal) == 0 ? 0 : Native.getLastError();
    }

    /** Clock ticks per second, the unit of start times in {@code /proc/<pid>/stat}. */
    public static long clockTicksPerSecond() {
        long ticks = C.sysconf(SC_CLK_TCK);
        return ticks > 0 ? ticks : 100;
    }

    /**
     * {@code open(2)}.
     *
     * @return the fd, or -errno
     */
    public static int open(String path, int flags) {
        int fd = C.open(path, flags);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /** {@code close(2)}, errors ignored (the fd is gone either way on Linux). */
    public static void close(int fd) {
        C.close(fd);
    }

    /**
     * The file type bits of an open fd ({@code statx} with {@code AT_EMPTY_PATH}, which works on
     * {@code O_PATH} fds too).
     *
     * @return {@code st_mode & S_IFMT}, or -errno
     */
    public static int fileType(int fd) {
        requireSyscalls();
        Memory statx = new Memory(256);
        statx.clear();
        long rc = call(SYS.statx, (long) fd, "", 0x1000 /* AT_EMPTY_PATH */, 0x1 /* STATX_TYPE */, statx);
        if (rc != 0) {
            return (int) rc;
        }
        return (statx.getShort(28) & 0xffff) & S_IFMT; // struct statx: stx_mode at offset 28
    }

    /**
     * Checks access with the calling thread's current credentials. Plain {@code access(2)}, and so
     * {@code Files.isWritable}, checks the <em>real</em> ids; {@code faccessat2(AT_EACCESS)} (Linux
     * 5.8+) uses the effective ones.
     *
     * @param path the file
     * @param mode {@link #R_OK} and/or {@link #W_OK}
     * @return 0, an errno, or -1 when the kernel lacks {@code faccessat2}
     */
    public static int accessAsThread(String path, int mode) {
        requireSyscalls();
        long rc = call(SYS.faccessat2, -100L /* AT_FDCWD */, path, mode, 0x200 /* AT_EACCESS */);
        if (rc == -38 /* ENOSYS */) {
            return -1;
        }
        return rc == 0 ? 0 : (int) -rc;
    }

    private static long call(long number, Object... args) {
        long rc = C.syscall(number, args);
        return rc == -1 ? -Native.getLastError() : rc;
    }

    private static void requireSyscalls() {
        if (SYS == null) {
            throw new UnsupportedOperationException("per-thread credentials need x86-64 or arm64 Linux");
        }
    }
}
