package io.github.guesttools.toolbox.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.identity.TestAccounts;
import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Real PAM (service vmtoolsd, which falls back to /etc/pam.d/other) against a real test account. */
class PamAuthenticatorTest {

    @Test
    void realAccountRightAndWrongPassword() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) {
            Authenticator pam = Authenticator.pam();
            assertThatCode(() ->
                            pam.authenticate(account.name(), account.password().getBytes(StandardCharsets.UTF_8)))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> pam.authenticate(account.name(), "wrong".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageNotContaining("wrong");
            assertThatThrownBy(() -> pam.authenticate(account.name(), new byte[0]))
                    .isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> pam.authenticate("no-such-user-vix", "x".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void dispatcherWithPamNeverLogsThePassword() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) {
            VixDispatcher vix = VixDispatcher.builder()
                    .handle(
                            VixOp.DELETE_GUEST_FILE_EX,
                            call -> VixReply.ok(call.user().name()))
                    .build();
            byte[] body = new TestMessages.Body().i32(0).i32(6).str("/tmp/a").build();
            String wrong = "NeverLogThis-" + account.password();
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream err = System.err;
            String good;
            String bad;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                bad = new String(
                        vix.dispatch(TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, body, account.name(), wrong)),
                        StandardCharsets.UTF_8);
                good = new String(
                        vix.dispatch(TestMessages.relayed(
                                VixOp.DELETE_GUEST_FILE_EX, body, account.name(), account.password())),
                        StandardCharsets.UTF_8);
            } finally {
                System.setErr(err);
            }
            assertThat(bad).isEqualTo("OK 3050 0 \0");
            assertThat(good).isEqualTo("OK 0 0 " + account.name() + "\0");
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log)
                    .contains("guest login refused")
                    .contains(account.name())
                    .doesNotContain(account.password())
                    .doesNotContain("NeverLogThis");
        }
    }
}
