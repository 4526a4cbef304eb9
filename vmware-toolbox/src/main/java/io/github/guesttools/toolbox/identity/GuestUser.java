package io.github.guesttools.toolbox.identity;

import io.github.guesttools.toolbox.posix.Posix;
import java.util.List;
import java.util.Optional;

/**
 * A local account an operation runs as.
 *
 * @param name login name
 * @param uid user id
 * @param gid primary group id
 * @param groups all group ids, the primary one included
 * @param home home directory
 */
public record GuestUser(String name, int uid, int gid, List<Integer> groups, String home) {
    public GuestUser {
        groups = List.copyOf(groups);
    }

    /**
     * Looks an account up through NSS ({@code getpwnam_r}, {@code getgrouplist}).
     *
     * @param name login name
     * @return the account, if it exists
     */
    public static Optional<GuestUser> lookup(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return Posix.getpwnam(name).map(GuestUser::of);
    }

    /** @return the account the agent runs as (its effective uid) */
    public static GuestUser current() {
        int uid = Posix.geteuid();
        return Posix.getpwuid(uid).map(GuestUser::of).orElseGet(
                () -> new GuestUser(Integer.toString(uid), uid, Posix.getegid(), List.of(Posix.getegid()), "/"));
    }

    private static GuestUser of(Posix.PasswdEntry e) {
        int[] groups = Posix.getgrouplist(e.name(), e.gid());
        return new GuestUser(e.name(), e.uid(), e.gid(), java.util.Arrays.stream(groups).boxed().toList(), e.home());
    }
}
