package io.github.guesttools.process.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserDirectoryTest {
  private final UserDirectory users = new UserDirectory();

  @Test
  void findsRoot() throws Exception {
    UserAccount root = users.byName("root").orElseThrow();
    assertThat(root.uid()).isZero();
    assertThat(root.gid()).isZero();
    assertThat(root.home()).isEqualTo("/root");
    assertThat(root.groups()).startsWith(0);
    assertThat(root.isRoot()).isTrue();
    assertThat(users.byUid(0)).contains(root);
  }

  @Test
  void unknownAndHostileNamesAreAbsent() throws Exception {
    assertThat(users.byName("no-such-user-zz")).isEmpty();
    assertThat(users.byName("0")).isEmpty(); // getent would take it as a uid
    assertThat(users.byName("-s")).isEmpty();
    assertThat(users.byName("a b")).isEmpty();
    assertThat(users.byName("a:b")).isEmpty();
    assertThat(users.byName("")).isEmpty();
    assertThat(users.byName(null)).isEmpty();
    assertThat(users.byUid(-1)).isEmpty();
  }

  @Test
  void loginEnvironmentComesFromTheAccountOnly() {
    UserAccount alice = new UserAccount("alice", 1000, 1000, "/home/alice", "", java.util.List.of());
    assertThat(LoginEnvironment.of(alice))
        .containsExactly(
            java.util.Map.entry("HOME", "/home/alice"),
            java.util.Map.entry("USER", "alice"),
            java.util.Map.entry("LOGNAME", "alice"),
            java.util.Map.entry("SHELL", "/bin/sh"),
            java.util.Map.entry("PATH", LoginEnvironment.USER_PATH));
  }
}
