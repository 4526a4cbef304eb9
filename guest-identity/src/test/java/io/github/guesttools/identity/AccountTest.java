package io.github.guesttools.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AccountTest {

    @Test
    void root() {
        Account root = Account.lookup("root").orElseThrow();
        assertThat(root.uid()).isZero();
        assertThat(root.gid()).isZero();
        assertThat(root.groups()).contains(0);
        assertThat(root.home()).isEqualTo("/root");
        assertThat(root.shell()).startsWith("/");
        assertThat(root.isRoot()).isTrue();
        assertThat(Account.byUid(0)).contains(root);
    }

    @Test
    void missingOrMalformedNames() {
        assertThat(Account.lookup("no-such-user-gid" + System.nanoTime())).isEmpty();
        assertThat(Account.lookup("")).isEmpty();
        assertThat(Account.lookup("ro\0ot")).isEmpty();
        // a number is a name, never a uid
        assertThat(Account.lookup("0")).isEmpty();
    }

    @Test
    void supplementaryGroupsHomeAndShellOfARealAccount() throws Exception {
        try (TestUsers.User user = TestUsers.create(true)) {
            Account account = user.account();
            String groupLine = TestUsers.run("getent", "group", user.extraGroup());
            int extraGid = Integer.parseInt(groupLine.split(":")[2]);
            assertThat(account.name()).isEqualTo(user.name());
            assertThat(account.uid()).isPositive();
            assertThat(account.groups()).contains(account.gid(), extraGid);
            assertThat(account.home()).isEqualTo("/home/" + user.name());
            assertThat(Files.isDirectory(Path.of(account.home()))).isTrue();
            assertThat(account.shell()).isEqualTo("/bin/sh");
            assertThat(Account.byUid(account.uid())).contains(account);
        }
    }

    @Test
    void emptyShellMeansBinSh() {
        assertThat(new Account("x", 5, 5, java.util.List.of(5), "/", "").shell())
                .isEqualTo("/bin/sh");
    }
}
