package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.auth.AllowListFile;
import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient.Reply;
import io.github.guesttools.toolbox.vix.VixError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, TCLO workers shared by everyone: VIX requests that overrun the TCLO handler bound keep
 * their worker, so one user's slow requests (here logins that hang, as a PAM module waiting on a
 * network directory does) used to take all 8 and leave every other user and the host with
 * {@code ERROR Too many requests in progress}. Now one user name holds at most 3 (the next is answered
 * VIX 5 at once), and VIX as a whole at most 7, so another user's ListFiles and the host's own
 * commands are still answered. Driven through the agent's real TCLO loop and VIX dispatcher.
 */
class AgentRequestFairnessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String slowPrefix = "slow-" + HexFormat.of().formatHex(SecureRandom.getSeed(4)) + "-";
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hanging = new AtomicInteger();
    private VmxSimulator vmx;
    private Agent agent;
    private GuestOpsClient user;

    @TempDir
    Path work;

    /** Logins of names starting with {@link #slowPrefix} hang until the test ends; others are checked normally. */
    private final UnaryOperator<Authenticator> hangingLogins = real -> (user, password) -> {
        if (!user.startsWith(slowPrefix)) {
            real.authenticate(user, password);
            return;
        }
        hanging.incrementAndGet();
        try {
            release.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AuthenticationException("seam: the slow login ends refused");
    };

    @BeforeEach
    void start() throws Exception {
        String password = "t-" + HexFormat.of().formatHex(SecureRandom.getSeed(9));
        Path allowList = work.resolve("allow-list");
        Files.writeString(
                allowList,
                Account.current().name() + ":" + AllowListFile.hash(password.getBytes(StandardCharsets.UTF_8)) + "\n");
        Files.writeString(work.resolve("listed.txt"), "x");
        vmx = new VmxSimulator();
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        // a short handler bound, so the hanging logins overrun it and hold their workers as slow operations do
        agent = new Agent(
                AgentConfig.of(Map.of(
                        "auth.mode",
                        "allow-list",
                        "auth.allowList",
                        allowList.toString(),
                        "powerops.enabled",
                        "false",
                        "tclo.handlerTimeoutMs",
                        "1000")),
                vmx,
                hangingLogins);
        agent.start();
        user = new GuestOpsClient(this::submit, Account.current().name(), password);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void oneUsersHangingRequestsLeaveOtherUsersAndTheHostAnswered() throws Exception {
        GuestOpsClient slow = client(slowPrefix + "a");
        for (int i = 0; i < 3; i++) {
            assertThat(slow.ls("/").raw()).asString(StandardCharsets.ISO_8859_1).isEqualTo("ERROR Request timed out");
        }
        awaitHanging(3);
        Reply fourth = slow.ls("/");
        assertThat(fourth.error()).as("%s", fourth).isEqualTo(VixError.OBJECT_IS_BUSY);
        assertThat(hanging.get()).as("refused before its login is tried").isEqualTo(3);

        assertThat(listFiles()).contains("listed.txt");
        assertThat(tclo("ping")).isEqualTo("OK ");
        assertThat(tclo("Capabilities_Register")).isEqualTo("OK ");
        release.countDown();
        Awaitility.await("the name's requests counted out once they end")
                .atMost(WAIT)
                .until(() -> slow.ls("/").error() == VixError.INVALID_LOGIN_CREDENTIALS);
    }

    @Test
    void guestOperationsAsAWholeLeaveAWorkerForTheHost() throws Exception {
        for (String name : List.of("a", "b")) {
            GuestOpsClient slow = client(slowPrefix + name);
            for (int i = 0; i < 3; i++) {
                slow.ls("/");
            }
        }
        client(slowPrefix + "c").ls("/");
        awaitHanging(7);
        assertThat(client(slowPrefix + "d").ls("/").raw())
                .asString(StandardCharsets.ISO_8859_1)
                .isEqualTo("ERROR Too many requests in progress");
        assertThat(hanging.get()).isEqualTo(7);
        // the eighth worker is the host's
        assertThat(tclo("Capabilities_Register")).isEqualTo("OK ");
        assertThat(tclo("ping")).isEqualTo("OK ");
        release.countDown();
        Awaitility.await("the other user answered once the hanging logins end")
                .atMost(WAIT)
                .until(() -> user.ls(work.toString()).ok());
    }

    private GuestOpsClient client(String name) {
        return new GuestOpsClient(this::submit, name, "irrelevant");
    }

    /** The other user's ListFiles; under load it may overrun the short bound, so a timed-out attempt is retried. */
    private String listFiles() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Reply r = user.ls(work.toString());
            String raw = new String(r.raw(), StandardCharsets.ISO_8859_1);
            if (!raw.equals("ERROR Request timed out") || System.nanoTime() - deadline > 0) {
                assertThat(r.error()).as("%s", r).isZero();
                return r.text();
            }
        }
    }

    private void awaitHanging(int n) {
        Awaitility.await(n + " hanging logins").atMost(WAIT).until(() -> hanging.get() == n);
    }

    private String tclo(String request) throws IOException {
        return new String(submit(request.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
    }

    private byte[] submit(byte[] request) throws IOException {
        try {
            return vmx.submitTclo(request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no TCLO reply", e);
        }
    }
}
