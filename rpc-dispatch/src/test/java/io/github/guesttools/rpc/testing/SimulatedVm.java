package io.github.guesttools.rpc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.channel.ChannelOptions;
import io.github.guesttools.backdoor.simulator.RecordedRpci;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.channel.RpcChannelOpener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** The VMX simulator of backdoor-transport with the real message channel, plus test conveniences. */
public final class SimulatedVm {
    /** Generous: the machine is a loaded 2-core box. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final VmxSimulator vmx = new VmxSimulator();
    private final RpcChannelOpener opener;

    /** A simulator with default channel options. */
    public SimulatedVm() {
        this(ChannelOptions.DEFAULTS);
    }

    /** A simulator whose channels use {@code options}. */
    public SimulatedVm(ChannelOptions options) {
        this.opener = BackdoorChannels.opener(vmx, options);
    }

    public VmxSimulator vmx() {
        return vmx;
    }

    public RpcChannelOpener opener() {
        return opener;
    }

    /** Submits a TCLO request and waits for the guest's reply. */
    public byte[] request(byte[] request) {
        try {
            return vmx.submitTclo(request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no reply to " + ascii(request), e);
        }
    }

    /** Submits a text TCLO request and returns the reply as ISO-8859-1 text. */
    public String request(String request) {
        return ascii(request(request.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Sends each request in turn and checks its reply: {@code request1, reply1, request2, reply2, ...}. */
    public void assertReplies(String... requestsAndReplies) {
        for (int i = 0; i + 1 < requestsAndReplies.length; i += 2) {
            assertThat(request(requestsAndReplies[i]))
                    .as("reply to %s", requestsAndReplies[i].replace("\0", "\\0"))
                    .isEqualTo(requestsAndReplies[i + 1]);
        }
    }

    /** RPCI command texts recorded so far. */
    public List<String> rpciTexts() {
        return vmx.rpciCommands().stream().map(RecordedRpci::commandText).toList();
    }

    /** Waits until some recorded RPCI command equals {@code text}. */
    public void awaitRpci(String text) {
        await(() -> rpciTexts().contains(text), "RPCI " + text.replace("\0", "\\0") + " in " + rpciTexts());
    }

    /** Polls {@code condition} until true or {@link #WAIT} passes. */
    public static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what)
                .atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    public static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A test resource's bytes. */
    public static byte[] resource(String name) {
        try (InputStream in = SimulatedVm.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
