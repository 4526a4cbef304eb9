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
    void spraysOverManyNamesLeaveNoFreeFailuresButNeverBlockAnUntouchedName() {
        for (int i = 0; i < LoginThrottle.FREE_GLOBAL_FAILURES; i++) {
            login("user" + i, "bad");
        }
        // spray mode: a name's first failure starts its back-off
        assertThat(login("victim", "bad")).isFalse();
        int checks = checked.size();
        assertThat(login("victim", "right")).isFalse();
        assertThat(checked).hasSize(checks);
        // a name with no failures of its own is checked at once: the bound is 0 s
        assertThat(login("fresh", "right")).isTrue();
        now.addAndGet(SECOND);
        assertThat(login("victim", "right")).isTrue();
    }

    /**
     * Issue 11, attack 6: one bad password a minute (any names) built up a shared counter that
     * never decayed, until a valid login of another user was refused for 60 s.
     */
    @Test
    void oneBadPasswordAMinuteNeverLocksOthersOut() {
        for (int minute = 0; minute < 120; minute++) {
            assertThat(login("mallory", "bad")).isFalse();
            assertThat(login("alice", "right")).as("minute %d", minute).isTrue();
            now.addAndGet(60 * SECOND);
        }
    }

    @Test
    void aFastSprayNeverRefusesAUserWhoIsNotUnderAttack() {
        for (int i = 0; i < 1000; i++) {
            login("spray" + (i % 50), "bad");
            assertThat(login("alice", "right")).isTrue();
        }
    }

    @Test
    void aUsersOwnFailuresDecay() {
        for (int i = 0; i < 10; i++) {
            login("dave", "bad");
            now.addAndGet(LoginThrottle.MAX_BACKOFF_SECONDS * SECOND);
        }
        // ten failures, a minute apart: the score decays a point a minute, so dave is not blocked
        assertThat(login("dave", "right")).isTrue();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            login("erin", "bad");
        }
        assertThat(login("erin", "right")).isFalse();
        now.addAndGet(LoginThrottle.FREE_FAILURES * LoginThrottle.USER_DECAY_SECONDS * SECOND);
        // decayed to zero: three more free failures
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            login("erin", "bad");
        }
        assertThat(login("erin", "right")).isTrue();
    }

    @Test
    void allowListAndDenyAll() {
        Authenticator allow = Authenticator.allowUsers(java.util.Set.of("ops"), real);
        assertThatThrownBy(() -> allow.authenticate("root", "right".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AuthenticationException.class);
        assertThat(checked).isEmpty();
        org.assertj.core.api.Assertions.assertThatCode(
                        () -> allow.authenticate("ops", "right".getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Authenticator.denyAll().authenticate("ops", new byte[] {1}))
                .isInstanceOf(AuthenticationException.class);
    }
}
