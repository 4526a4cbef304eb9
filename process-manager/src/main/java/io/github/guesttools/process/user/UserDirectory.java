package io.github.guesttools.process.user;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Looks accounts up through {@code getent}, so NSS sources (files, LDAP, sssd) count as they do
 * for login, without native struct layouts ({@code getpwnam_r} through JNA would need one per
 * libc). Supplementary groups come from {@code getent initgroups}, the same list {@code
 * initgroups(3)} would install.
 */
public final class UserDirectory {
  // POSIX portable user names, plus '@' and a trailing '$' that NSS backends use; never a
  // leading '-', so a name can never be taken for a getent option.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._@-]{0,254}\\$?");
  private static final long TIMEOUT_SECONDS = 10;

  private final String getent;

  /** Uses {@code getent} from the usual system locations. */
  public UserDirectory() {
    this(findGetent());
  }

  /** Uses the given {@code getent} executable. */
  public UserDirectory(String getent) {
    this.getent = getent;
  }

  /** The account with this login name, if any. */
  public Optional<UserAccount> byName(String name) throws IOException {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    // getent treats a numeric key as a uid; only an exact name match counts here.
    return passwd(name).filter(account -> account.name().equals(name));
  }

  /** The account with this uid, if any. */
  public Optional<UserAccount> byUid(int uid) throws IOException {
    return uid < 0 ? Optional.empty() : passwd(Integer.toString(uid));
  }

  private Optional<UserAccount> passwd(String key) throws IOException {
    Optional<String> line = query("passwd", key);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    String[] fields = line.get().split(":", -1);
    if (fields.length < 7) {
      throw new IOException("malformed passwd entry for " + key);
    }
    try {
      String name = fields[0];
      int uid = Integer.parseInt(fields[2]);
      int gid = Integer.parseInt(fields[3]);
      Set<Integer> groups = new LinkedHashSet<>();
      groups.add(gid);
      groups.addAll(supplementaryGroups(name));
      return Optional.of(
          new UserAccount(name, uid, gid, fields[5], fields[6], new ArrayList<>(groups)));
    } catch (NumberFormatException e) {
      throw new IOException("malformed passwd entry for " + key, e);
    }
  }

  private List<Integer> supplementaryGroups(String name) throws IOException {
    List<Integer> groups = new ArrayList<>();
    Optional<String> line = query("initgroups", name);
    if (line.isPresent()) {
      String[] parts = line.get().trim().split("\\s+");
      for (int i = 1; i < parts.length; i++) {
        groups.add(Integer.parseInt(parts[i]));
      }
    }
    return groups;
  }

  private Optional<String> query(String database, String key) throws IOException {
    Process process =
        new ProcessBuilder(getent, database, "--", key)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    // Wait first, so that a hung NSS backend (LDAP, sssd) costs a timeout, not a stuck start.
    // One entry always fits the pipe buffer, so getent never blocks on its output meanwhile.
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("getent " + database + " timed out");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running getent", e);
    }
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }
    // Exit status 2 means "key not found"; anything else non-zero is a real failure.
    int status = process.exitValue();
    if (status == 2) {
      return Optional.empty();
    }
    if (status != 0) {
      throw new IOException("getent " + database + " failed with status " + status);
    }
    String first = output.lines().findFirst().orElse("");
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
  }

  private static String findGetent() {
    for (String candidate : List.of("/usr/bin/getent", "/bin/getent", "/usr/sbin/getent")) {
      if (new java.io.File(candidate).canExecute()) {
        return candidate;
      }
    }
    return "getent";
  }
}
