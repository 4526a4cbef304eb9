package io.github.guesttools.toolbox.dispatch;

import static io.github.guesttools.toolbox.vix.TestMessages.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final List<String> logins = new ArrayList<>();
    private final AtomicBoolean frozen = new AtomicBoolean();

    /** A custom embedder authenticator: one fixed account. */
    private final Authenticator userPass = (user, password) -> {
        logins.add(user);
        if (!user.equals("user") || !Arrays.equals(password, "pass".getBytes(StandardCharsets.UTF_8))) {
            throw new AuthenticationException("bad password for " + user);
        }
    };

    private VixDispatcher.Builder builder() {
        return VixDispatcher.builder()
                .authenticator(userPass)
                .users(name -> name.equals("user") ? Optional.of(Account.current()) : Optional.empty())
                .ioFrozen(frozen::get)
                .handle(
                        VixOp.DELETE_GUEST_FILE_EX,
                        call -> VixReply.ok("deleted " + call.user().name()))
                .handle(VixOp.GET_TOOLS_STATE, call -> VixReply.ok("state"));
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.UTF_8);
    }

    private static byte[] delete(String user, String password) {
        byte[] body = new TestMessages.Body().i32(0).i32(6).str("/tmp/a").build();
        return TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, body, user, password);
    }

    /** Past a name's requests in progress: VIX 5 before its login is tried; other names and the end of a request free it. */
    @Test
    void aNamesRequestsInProgressAreBoundedBeforeItsLogin() throws Exception {
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        VixDispatcher vix = builder()
                .maxRequestsPerUser(2)
                .handle(VixOp.DELETE_GUEST_FILE_EX, call -> {
                    inHandler.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return VixReply.ok("slow");
                })
                .build();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<byte[]>> held = List.of(
                    callers.submit(() -> vix.dispatch(delete("user", "pass"))),
                    callers.submit(() -> vix.dispatch(delete("user", "pass"))));
            assertThat(inHandler.await(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            int loginsSoFar = logins.size();
            assertThat(text(vix.dispatch(delete("user", "pass")))).startsWith("OK 5 0 ");
            assertThat(logins).as("refused without a login attempt").hasSize(loginsSoFar);
            assertThat(text(vix.dispatch(delete("other", "x"))))
                    .as("another name")
                    .startsWith("OK 3050 ");
            byte[] state = TestMessages.relayed(VixOp.GET_TOOLS_STATE, new byte[0], new byte[0], 0, 1);
            assertThat(text(vix.dispatch(state)))
                    .as("GetToolsState, no login, not counted")
                    .startsWith("OK 0 0 ");
            release.countDown();
            for (java.util.concurrent.Future<byte[]> f : held) {
                assertThat(text(f.get(60, java.util.concurrent.TimeUnit.SECONDS)))
                        .startsWith("OK 0 0 slow");
            }
            assertThat(text(vix.dispatch(delete("user", "pass")))).startsWith("OK 0 0 slow");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void unknownOpIsAnswered3025LikeTheVectorAndWithoutLogin() {
        byte[] req = resource("tclo-req-UnknownOp9999.bin");
        byte[] args = Arrays.copyOfRange(req, "Vix_1_Relayed_Command ".length(), req.length);
        assertThat(builder().build().dispatch(args))
                .isEqualTo(resource("tclo-rep-UnknownOp9999.bin"))
                .isEqualTo("OK 3025 0 \0".getBytes(StandardCharsets.US_ASCII));
        assertThat(logins).isEmpty();
    }

    @Test
    void authenticatedCallReachesTheHandlerAndThePasswordIsWiped() {
        byte[] args = delete("user", "pass");
        String b64 = "dXNlcgBwYXNzAA==";
        assertThat(text(args)).contains(b64);
        String reply = text(builder().build().dispatch(args));
        assertThat(reply).isEqualTo("OK 0 0 deleted " + Account.current().name() + "\0");
        assertThat(text(args)).doesNotContain(b64);
        assertThat(logins).containsExactly("user");
    }

    @Test
    void wrongPasswordUnknownUserAndUnsupportedTypes() {
        VixDispatcher vix = builder().build();
        assertThat(text(vix.dispatch(delete("user", "wrong")))).isEqualTo("OK 3050 0 \0");
        assertThat(text(vix.dispatch(delete("nobody-here", "pass")))).isEqualTo("OK 3050 0 \0");
        byte[] body = new TestMessages.Body().i32(0).i32(6).str("/tmp/a").build();
        for (int type : new int[] {0, 2, 3, 5, 9, 11, 12, 99, -1}) {
            byte[] args = TestMessages.relayed(
                    VixOp.DELETE_GUEST_FILE_EX, body, TestMessages.credential("user", "pass"), type, 1);
            assertThat(text(vix.dispatch(args))).as("type %d", type).isEqualTo("OK 35 0 \0");
        }
        byte[] garbage = TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, body, new byte[] {4, 0, 0, 0, 4, 0}, 1, 1);
        assertThat(text(vix.dispatch(garbage))).isEqualTo("OK 3050 0 \0");
    }

    @Test
    void authenticationComesBeforeBodyDecoding() {
        byte[] lying = new TestMessages.Body().i32(0).i32(600).str("/tmp/a").build();
        VixDispatcher vix = builder().build();
        assertThat(text(vix.dispatch(TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, lying, "user", "wrong"))))
                .isEqualTo("OK 3050 0 \0");
        assertThat(text(vix.dispatch(TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, lying, "user", "pass"))))
                .isEqualTo("OK 10001 0 \0");
    }

    @Test
    void toolsStateNeedsNoLogin() {
        byte[] args = TestMessages.relayed(VixOp.GET_TOOLS_STATE, new byte[0], new byte[0], 0, 1);
        assertThat(text(builder().build().dispatch(args))).isEqualTo("OK 0 0 state\0");
        assertThat(logins).isEmpty();
    }

    @Test
    void disabledFrozenAndFailingHandlers() {
        VixDispatcher off = builder().disable(GuestOperation.DELETE_FILE).build();
        assertThat(text(off.dispatch(delete("user", "pass")))).isEqualTo("OK 20005 0 \0");
        frozen.set(true);
        assertThat(text(builder().build().dispatch(delete("user", "pass")))).isEqualTo("OK 5 0 \0");
        frozen.set(false);
        VixDispatcher failing = builder()
                .handle(VixOp.DELETE_GUEST_FILE_EX, call -> {
                    throw new IllegalStateException("bug in a handler");
                })
                .build();
        assertThat(text(failing.dispatch(delete("user", "pass")))).isEqualTo("OK 1 0 \0");
    }

    @Test
    void hostileInputNeverThrows() {
        VixDispatcher vix = builder().build();
        assertThat(text(vix.dispatch(new byte[0]))).isEqualTo("OK 10000 0 \0");
        assertThat(text(vix.dispatch("\"r\"\0short".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("OK 10000 0 \0");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[65536];
            random.nextBytes(garbage);
            assertThat(text(vix.dispatch(TestMessages.framed(garbage)))).startsWith("OK 10000 0 ");
        }
    }

    @Test
    void denyAllRefusesEveryone() {
        VixDispatcher vix = builder().authenticator(Authenticator.denyAll()).build();
        assertThat(text(vix.dispatch(delete("user", "pass")))).isEqualTo("OK 3050 0 \0");
    }
}
