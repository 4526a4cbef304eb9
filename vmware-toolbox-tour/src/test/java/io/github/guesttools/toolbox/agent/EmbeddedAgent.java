package io.github.guesttools.toolbox.agent;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An agent built with {@link Agent#builder} on a {@link VmxSimulator}, driven by the host's side
 * ({@link GuestOpsClient}) through the real TCLO loop and VIX dispatcher. Guest operations log in
 * as the account running the test with a random password that the embedder's authenticator accepts
 * (so the tests need neither root nor PAM); power operations are off unless a test turns them on.
 */
final class EmbeddedAgent implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final VmxSimulator vmx = new VmxSimulator();
    final String user = Account.current().name();
    final String password = "e-" + HexFormat.of().formatHex(SecureRandom.getSeed(9));
    final Agent agent;

    /**
     * @param settings toolbox.conf settings over {@code auth.mode = deny-all, powerops.enabled = false}
     * @param extend the test's changes to the builder
     */
    EmbeddedAgent(Map<String, String> settings, Consumer<AgentBuilder> extend) throws Exception {
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        Map<String, String> s = new HashMap<>(Map.of("auth.mode", "deny-all", "powerops.enabled", "false"));
        s.putAll(settings);
        AgentBuilder b = Agent.builder(vmx).config(AgentConfig.of(s)).authenticator((name, pw) -> {
            if (!name.equals(user) || !new String(pw, StandardCharsets.UTF_8).equals(password)) {
                throw new io.github.guesttools.toolbox.auth.AuthenticationException("not the test login");
            }
        });
        extend.accept(b);
        agent = b.build();
        agent.start();
    }

    EmbeddedAgent(Consumer<AgentBuilder> extend) throws Exception {
        this(Map.of(), extend);
    }

    /** The host's guest-operations client logged in as the test account. */
    GuestOpsClient ops() {
        return new GuestOpsClient(this::submit, user, password);
    }

    GuestOpsClient ops(String name, String pw) {
        return new GuestOpsClient(this::submit, name, pw);
    }

    String tclo(String request) throws IOException {
        return new String(submit(request.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    byte[] submit(byte[] request) throws IOException {
        try {
            return vmx.submitTclo(request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no TCLO reply", e);
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}
