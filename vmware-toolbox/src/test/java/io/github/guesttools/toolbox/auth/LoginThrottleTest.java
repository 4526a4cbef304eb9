package io.github.guesttools.toolbox.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(123 * SECOND);
    private final List<String> checked = new ArrayList<>();
    private final Authenticator real = (user, password) -> {
        checked.add(user);
        if (!Arrays.equals(password, "right".getBytes(StandardCharsets.UTF_8))) {
            throw new AuthenticationException("wrong password");
        }
    };
    private final Authenticator throttled = Authenticator.throttled(real, new LoginThrottle(now::get));

    private boolean login(String user, String password) {
        try {
            throttled.authenticate(user, password.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    @Test
    void backOffGrowsAndIsPerUser() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login("alice", "bad")).isFalse();
        }
        assertThat(checked).hasSize(3);
        // Blocked for 1 s: even the right password is refused without asking the real check.
        assertThat(login("alice", "right")).isFalse();
        assertThat(checked).hasSize(3);
        assertThat(login("bob", "right")).isTrue();
        now.addAndGet(SECOND);
        assertThat(login("alice", "bad")).isFalse();
        assertThat(checked).hasSize(5);
        now.addAndGet(SECOND);
        assertThat(login("alice", "right")).as("still inside the 2 s back-off").isFalse();
        now.addAndGet(SECOND);
        assertThat(login("alice", "right")).isTrue();
        // Success clears the record.
        assertThat(login("alice", "bad")).isFalse();
        assertThat(login("alice", "right")).isTrue();
    }

    @Test
    void backOffIsCapped() {
        for (int i = 0; i < 40; i++) {
            login("carol", "bad");
            now.addAndGet(LoginThrottle.MAX_BACKOFF_SECONDS * SECOND);
        }
        assertThat(login("carol", "right")).isTrue();
    }

    @Test
    void spraysOverManyNamesAreThrottledToo() {
        for (int i = 0; i < LoginThrottle.FREE_GLOBAL_FAILURES; i++) {
            login("user" + i, "bad");
        }
        assertThatThrownBy(() -> throttled.authenticate("fresh", "right".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("all users");
        now.addAndGet(SECOND);
        assertThat(login("fresh", "right")).isTrue();
    }

    @Test
    void allowListAndDenyAll() {
        Authenticator allow = Authenticator.allowUsers(java.util.Set.of("ops"), real);
        assertThatThrownBy(() -> allow.authenticate("root", "right".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AuthenticationException.class);
        assertThat(checked).isEmpty();
        org.assertj.core.api.Assertions.assertThatCode(
                () -> allow.authenticate("ops", "right".getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Authenticator.denyAll().authenticate("ops", new byte[] {1}))
                .isInstanceOf(AuthenticationException.class);
    }
}
