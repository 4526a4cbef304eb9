package io.github.guesttools.identity;

import io.github.guesttools.identity.internal.Posix;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A local account, resolved once through NSS and then passed around as is: every module acts on
 * this object and never looks the name up again.
 *
 * @param name login name
 * @param uid user id
 * @param gid primary group id
 * @param groups all group ids of the user, the primary one included (what {@code initgroups} sets)
 * @param home home directory
 * @param shell login shell ({@code /bin/sh} when passwd leaves it empty)
 */
public record Account(String name, int uid, int gid, List<Integer> groups, String home, String shell) {
    /** Compact constructor: validates and copies. */
    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
        shell = shell == null || shell.isEmpty() ? "/bin/sh" : shell;
        groups = List.copyOf(groups);
    }

    /**
     * Looks an account up by login name ({@code getpwnam_r}, {@code getgrouplist}): the project's
     * one look-up. A numeric string is a name here, never a uid.
     *
     * @param name login name
     * @return the account, if it exists
     */
    public static Optional<Account> lookup(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return Posix.getpwnam(name).filter(e -> e.name().equals(name)).map(Account::of);
    }

    /**
     * @param uid a user id
     * @return its account, if passwd has one
     */
    public static Optional<Account> byUid(int uid) {
        return Posix.getpwuid(uid).map(Account::of);
    }

    /** @return the account the agent runs as (its effective uid) */
    public static Account current() {
        int uid = Posix.geteuid();
        return byUid(uid)
                .orElseGet(() ->
                        new Account(Integer.toString(uid), uid, Posix.getegid(), List.of(Posix.getegid()), "/", ""));
    }

    /** @return true for uid 0 */
    public boolean isRoot() {
        return uid == 0;
    }

    /** @return the groups as an array, for the credential syscalls */
    int[] groupArray() {
        return groups.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Account of(Posix.PasswdEntry e) {
        int[] groups = Posix.getgrouplist(e.name(), e.gid());
        return new Account(
                e.name(), e.uid(), e.gid(), Arrays.stream(groups).boxed().toList(), e.home(), e.shell());
    }
}
