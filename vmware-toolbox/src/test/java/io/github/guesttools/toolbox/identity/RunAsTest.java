package io.github.guesttools.toolbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.toolbox.posix.Posix;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAsTest {

    @Test
    void workerThreadSwitchesOnlyItselfAndRestoresRoot() throws Exception {
        TestAccounts.assumeRoot();
        try (TestAccounts.Account account = TestAccounts.create()) {
            GuestUser user = account.user();
            RunAs runAs = new ThreadCredentialRunAs(1);
            int[] seen = runAs.run(user, () -> new int[] {Posix.setThreadFsuid(-1), Posix.setThreadFsgid(-1),
                    Posix.setThreadFsuid(-1) == 0 ? 1 : 0});
            assertThat(seen[0]).isEqualTo(user.uid());
            assertThat(seen[1]).isEqualTo(user.gid());
            assertThat(Posix.setThreadFsuid(-1)).as("calling thread untouched").isZero();
            assertThatThrownBy(() -> runAs.run(user, () -> {
                throw new IOException("failing action");
            })).hasMessage("failing action");
            GuestUser root = GuestUser.lookup("root").orElseThrow();
            // Same single worker thread: it must be root again after the failure.
            assertThat(runAs.run(root, () -> Posix.setThreadFsuid(-1))).isZero();
            assertThat(runAs.run(root, Posix::getgroups)).containsExactlyInAnyOrder(
                    root.groups().stream().mapToInt(Integer::intValue).toArray());
            assertThat(runAs.run(user, Posix::getgroups)).containsExactlyInAnyOrder(
                    user.groups().stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void withoutRootOnlyTheAgentsOwnAccount() throws Exception {
        GuestUser self = GuestUser.current();
        RunAs runAs = new CurrentUserRunAs(self);
        GuestUser other = new GuestUser("other", self.uid() + 1, self.gid(), List.of(self.gid()), "/");
        assertThat(runAs.canRunAs(self)).isTrue();
        assertThat(runAs.canRunAs(other)).isFalse();
        assertThat(runAs.run(self, () -> "ran")).isEqualTo("ran");
        assertThatThrownBy(() -> runAs.run(other, () -> "ran")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void lookups() {
        assertThat(GuestUser.lookup("root")).get().satisfies(u -> {
            assertThat(u.uid()).isZero();
            assertThat(u.groups()).contains(0);
        });
        assertThat(GuestUser.lookup("no-such-user-vix")).isEmpty();
        assertThat(GuestUser.lookup("")).isEmpty();
    }
}
