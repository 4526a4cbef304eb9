package io.github.guesttools.toolbox.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The whole-credential hook of the dispatcher (issue 15): what it returns is the account the
 * request acts as; a refusal, an empty name, an unknown account or an exception from the hook is a
 * clear VIX error, never a crash; the block it saw is zeroed once it returns.
 */
class CredentialAuthenticatorTest {
    private static final int TICKET = 7;
    private final AtomicReference<ByteBuffer> kept = new AtomicReference<>();

    private VixDispatcher vix(CredentialAuthenticator authenticator) {
        return VixDispatcher.builder()
                .credentialAuthenticator(authenticator)
                .users(name -> name.equals("known") ? Optional.of(Account.current()) : Optional.empty())
                .handle(
                        VixOp.DELETE_GUEST_FILE_EX,
                        call -> VixReply.ok("as " + call.user().name()))
                .build();
    }

    private static byte[] request(byte[] credential, int type) {
        byte[] body = new TestMessages.Body().i32(0).i32(6).str("/tmp/a").build();
        return TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, body, credential, type, 0x01);
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.UTF_8);
    }

    private CredentialAuthenticator ticket(String name) {
        return (header, credential) -> {
            kept.set(credential);
            String t = StandardCharsets.US_ASCII.decode(credential.duplicate()).toString();
            if (!t.equals("ticket-1")) {
                throw new AuthenticationException("bad ticket");
            }
            return name;
        };
    }

    @Test
    void theReturnedNameIsTheAccountAndTheBlockIsZeroedAfterwards() {
        byte[] req = request("ticket-1".getBytes(StandardCharsets.US_ASCII), TICKET);
        assertThat(text(vix(ticket("known")).dispatch(req)))
                .isEqualTo("OK 0 0 as " + Account.current().name() + "\0");
        ByteBuffer seen = kept.get().duplicate();
        while (seen.hasRemaining()) {
            assertThat(seen.get()).isZero();
        }
    }

    @Test
    void refusalsAreLoginErrors() {
        assertThat(text(vix(ticket("known")).dispatch(request("ticket-2".getBytes(), TICKET))))
                .startsWith("OK 3050 0");
        assertThat(text(vix(ticket("")).dispatch(request("ticket-1".getBytes(), TICKET))))
                .startsWith("OK 3050 0");
        assertThat(text(vix(ticket("nobody-here")).dispatch(request("ticket-1".getBytes(), TICKET))))
                .startsWith("OK 3050 0");
    }

    @Test
    void aFailingHookIsAnsweredNotThrown() {
        VixDispatcher vix = vix((header, credential) -> {
            throw new IllegalStateException("hook bug");
        });
        assertThat(text(vix.dispatch(request("x".getBytes(), TICKET)))).startsWith("OK 1 0");
    }

    @Test
    void namePasswordAdapterActsAsTheNamedUser() {
        VixDispatcher vix = vix(CredentialAuthenticator.namePassword((user, password) -> {
            if (!new String(password, StandardCharsets.UTF_8).equals("pw")) {
                throw new AuthenticationException("no");
            }
        }));
        assertThat(text(vix.dispatch(request(TestMessages.credential("known", "pw"), 1))))
                .isEqualTo("OK 0 0 as " + Account.current().name() + "\0");
        assertThat(text(vix.dispatch(request(TestMessages.credential("known", "bad"), 1))))
                .startsWith("OK 3050 0");
        assertThat(text(vix.dispatch(request("ticket-1".getBytes(), TICKET)))).startsWith("OK 3050 0");
    }
}
