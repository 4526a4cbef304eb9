package io.github.guesttools.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.agent.Agent;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import io.github.guesttools.toolbox.vix.VixError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example end to end on the simulator, as the host drives it: a token logs in and a wrong one
 * does not, the Java guest program's output is downloaded from {@code /proc/<pid>/stdout} and the
 * program listed, a report is downloaded through the added scheme.
 */
class EmbeddedAgentExampleTest {
    private final String user = Account.current().name();
    private final String token = "tok-" + HexFormat.of().formatHex(SecureRandom.getSeed(8));
    private final VmxSimulator vmx = new VmxSimulator();
    private final AppState state = new AppState("shop");
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        agent = EmbeddedAgentExample.agent(
                vmx, state, new TokenAuthenticator(Map.of(user, TokenAuthenticator.hash(token))));
        agent.start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void theHostLogsInWithATokenOnly() throws Exception {
        assertThat(ops(token).ps(List.of()).ok()).isTrue();
        assertThat(ops("not-the-token").ps(List.of()).error()).isEqualTo(VixError.INVALID_LOGIN_CREDENTIALS);
    }

    @Test
    void theStatusProgramIsJavaCodeStartedByName() throws Exception {
        state.served();
        state.served();
        GuestOpsClient ops = ops(token);
        GuestOpsClient.Reply start = ops.start(EmbeddedAgentExample.STATUS_PROGRAM, "");
        assertThat(start.error()).as("%s", start).isZero();
        long pid = Long.parseLong(start.text());
        byte[] out = ops.hgfs().downloadWhenReady("/proc/" + pid + "/stdout", 600, Duration.ofMillis(100));
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("shop up, 2 requests served\n");
        assertThat(ops.ps(List.of(pid)).text()).contains("<pid>" + pid + "</pid>");
    }

    @Test
    void reportsAreDownloadedThroughTheAddedScheme() throws Exception {
        state.publish("daily", "42 orders\n");
        byte[] got = ops(token).hgfs().download("/reports:/daily");
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("42 orders\n");
        assertThat(ops(token).transferFrom("/reports:/absent").error()).isEqualTo(VixError.FILE_NOT_FOUND);
    }

    private GuestOpsClient ops(String password) {
        return new GuestOpsClient(
                request -> {
                    try {
                        return vmx.submitTclo(request).get(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    } catch (Exception e) {
                        throw new IOException("no TCLO reply", e);
                    }
                },
                user,
                password);
    }
}
