package io.github.guesttools.toolbox.posix;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Locale;
import java.util.Optional;

/**
 * The few libc calls the JDK does not offer: user database look-ups, supplementary groups, raw
 * per-thread credential syscalls and {@code strerror}. Linux only (x86-64 and arm64).
 */
public final class Posix {
    private static final LibC C = Native.load("c", LibC.class);
    private static final Syscalls SYS = Syscalls.forArch(System.getProperty("os.arch", ""));
    private static final int PASSWD_SIZE = 48;

    private Posix() {
    }

    interface LibC extends Library {
        long syscall(long number, Object... args);

        int geteuid();

        int getegid();

        int getgroups(int size, int[] list);

        int getpwnam_r(String name, Pointer pwd, Pointer buf, long buflen, PointerByReference result);

        int getpwuid_r(int uid, Pointer pwd, Pointer buf, long buflen, PointerByReference result);

        int getgrouplist(String user, int group, int[] groups, IntByReference ngroups);

        String strerror(int errnum);

        int chmod(String path, int mode);

        int chown(String path, int uid, int gid);
    }

    /** Syscall numbers for the per-thread credential calls, which differ per architecture. */
    private record Syscalls(long setgroups, long setfsuid, long setfsgid, long faccessat2) {
        static Syscalls forArch(String arch) {
            return switch (arch.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> new Syscalls(116, 122, 123, 439);
                case "aarch64", "arm64" -> new Syscalls(159, 151, 152, 439);
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
     * @param shell login shell
     */
    public record PasswdEntry(String name, int uid, int gid, String home, String shell) {
    }

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
            Memory pwd = new Memory(PASSWD_SIZE);
            Memory buf = new Memory(size);
            PointerByReference result = new PointerByReference();
            int rc = byName ? C.getpwnam_r(name, pwd, buf, size, result) : C.getpwuid_r(uid, pwd, buf, size, result);
            if (rc == 34 /* ERANGE */) {
                continue;
            }
            if (rc != 0 || result.getValue() == null) {
                return Optional.empty();
            }
            return Optional.of(new PasswdEntry(pwd.getPointer(0).getString(0), pwd.getInt(16), pwd.getInt(20),
                    string(pwd.getPointer(32)), string(pwd.getPointer(40))));
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
        return java.util.Arrays.copyOf(groups, Math.min(n.getValue(), groups.length));
    }

    /** @return the supplementary groups of the calling thread */
    public static int[] getgroups() {
        int n = C.getgroups(0, null);
        int[] groups = new int[Math.max(n, 0)];
        int got = C.getgroups(groups.length, groups);
        return java.util.Arrays.copyOf(groups, Math.max(got, 0));
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

    /** {@code access} mode bit: read. */
    public static final int R_OK = 4;
    /** {@code access} mode bit: write. */
    public static final int W_OK = 2;

    /**
     * Checks access with the calling thread's file-system identity. Plain {@code access(2)}, and so
     * {@code Files.isWritable}, checks the <em>real</em> uid, which stays root while a worker
     * thread has switched its fsuid; {@code faccessat2(AT_EACCESS)} (Linux 5.8+) uses the current
     * credentials.
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
        Object[] all = new Object[args.length];
        System.arraycopy(args, 0, all, 0, args.length);
        long rc = C.syscall(number, all);
        return rc == -1 ? -Native.getLastError() : rc;
    }

    private static void requireSyscalls() {
        if (SYS == null) {
            throw new UnsupportedOperationException("per-thread credentials need x86-64 or arm64 Linux");
        }
    }
}
