package io.github.guesttools.identity;

import io.github.guesttools.identity.internal.Posix;
import java.io.IOException;
import java.util.Arrays;

/**
 * The real switch: raw {@code setgroups}, {@code setresgid}, {@code setresuid} on the calling
 * thread only (glibc's wrappers would change every thread of the JVM). Real and effective ids
 * become the user's, the saved uid and gid stay 0 so the thread can come back. When the effective
 * uid leaves 0 the kernel clears the effective capabilities (the permitted set stays, because the
 * saved uid is 0); when it returns to 0 the kernel restores them from the permitted set. The
 * file-system ids follow the effective ones. Every switch is checked with {@code getresuid},
 * {@code getresgid}, {@code getgroups} and {@code capget}.
 */
final class KernelThreadCredentials implements ThreadCredentials {
    private final int[] rootGroups;
    private final long rootCapabilities;

    /** Records root's groups and capabilities from the (root) constructing thread. */
    KernelThreadCredentials() {
        this.rootGroups = sorted(Posix.getgroups());
        long[] caps = Posix.getThreadCapabilities();
        this.rootCapabilities = caps == null ? -1 : caps[0];
    }

    @Override
    public void become(Account user) throws IOException {
        // Order matters: setgroups and setresgid need CAP_SETGID, which the uid switch drops.
        check(Posix.setThreadGroups(user.groupArray()), "setgroups", user);
        check(Posix.setThreadResgid(user.gid(), user.gid(), 0), "setresgid", user);
        check(Posix.setThreadResuid(user.uid(), user.uid(), 0), "setresuid", user);
        int[] uids = Posix.getThreadResuid();
        int[] gids = Posix.getThreadResgid();
        long[] caps = Posix.getThreadCapabilities();
        if (!Arrays.equals(uids, new int[] {user.uid(), user.uid(), 0})
                || !Arrays.equals(gids, new int[] {user.gid(), user.gid(), 0})
                || Posix.setThreadFsuid(-1) != user.uid()
                || Posix.setThreadFsgid(-1) != user.gid()
                || !Arrays.equals(sorted(Posix.getgroups()), sorted(user.groupArray()))
                || caps == null
                || (user.uid() != 0 && caps[0] != 0)) {
            throw new IOException("could not verify the switch to " + user.name());
        }
    }

    @Override
    public boolean restore() {
        // The uid first: it brings back the capabilities the gid and group calls need.
        if (Posix.setThreadResuid(0, 0, 0) != 0
                || Posix.setThreadResgid(0, 0, 0) != 0
                || Posix.setThreadGroups(rootGroups) != 0) {
            return false;
        }
        long[] caps = Posix.getThreadCapabilities();
        return Arrays.equals(Posix.getThreadResuid(), new int[] {0, 0, 0})
                && Arrays.equals(Posix.getThreadResgid(), new int[] {0, 0, 0})
                && Posix.setThreadFsuid(-1) == 0
                && Posix.setThreadFsgid(-1) == 0
                && Arrays.equals(sorted(Posix.getgroups()), rootGroups)
                && caps != null
                && caps[0] == rootCapabilities;
    }

    private static void check(long rc, String call, Account user) throws IOException {
        if (rc != 0) {
            throw new IOException(call + " for " + user.name() + " failed: " + Posix.strerror((int) -rc));
        }
    }

    private static int[] sorted(int[] groups) {
        int[] copy = groups.clone();
        Arrays.sort(copy);
        return copy;
    }
}
