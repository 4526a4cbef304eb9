package io.github.guesttools.process.user;

import java.util.List;
import java.util.Objects;

/**
 * A local account as the passwd and group databases describe it.
 *
 * @param name login name
 * @param uid user id
 * @param gid primary group id
 * @param home home directory
 * @param shell login shell (empty in passwd means {@code /bin/sh})
 * @param groups all group ids of the user, the primary one first
 */
public record UserAccount(
    String name, int uid, int gid, String home, String shell, List<Integer> groups) {

  /** Compact constructor: validates and copies. */
  public UserAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(home, "home");
    shell = shell == null || shell.isEmpty() ? "/bin/sh" : shell;
    groups = List.copyOf(groups);
  }

  /** True for uid 0. */
  public boolean isRoot() {
    return uid == 0;
  }
}
