package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop that comes while the agent starts (SIGTERM right after the host's first reply, as a test
 * harness or {@code systemctl stop} at boot sends it) closes the TCLO channel: the host allows one
 * per VM, so a leaked channel refuses the next agent. The stop hook is therefore in place before
 * TCLO opens; {@code AgentMain} hands it to a recorder here instead of the runtime.
 */
class StopDuringStartTest {
    @TempDir
    Path dir;

    @Test
    void theStopHookIsInPlaceBeforeTcloOpensAndClosesTheChannel() throws Exception {
        VmxSimulator vmx = new VmxSimulator();
        Path conf = Files.writeString(dir.resolve("toolbox.conf"), "");
        try (BridgeServer bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"))) {
            AtomicInteger channelsWhenHooked = new AtomicInteger(-1);
            AtomicReference<Thread> hook = new AtomicReference<>();
            String[] args = {
                "--config", conf.toString(),
                "--backdoor", "unix:" + bridge.path(),
                "--auth", "deny-all",
                "--set", "powerops.enabled=false",
                "--log-level", "warn"
            };
            CompletableFuture<Integer> status =
                    CompletableFuture.supplyAsync(() -> AgentMain.run(args, System.err, h -> {
                        channelsWhenHooked.set(vmx.openChannels());
                        hook.set(h);
                    }));
            byte[] reply = vmx.submitTclo("reset").get(120, TimeUnit.SECONDS);
            assertThat(new String(reply, StandardCharsets.ISO_8859_1)).isEqualTo("OK ATR toolbox");
            assertThat(channelsWhenHooked.get())
                    .as("channels open when the stop hook was registered")
                    .isZero();

            hook.get().run(); // what the runtime does on SIGTERM
            assertThat(status.get(120, TimeUnit.SECONDS)).isZero();
            assertThat(vmx.openChannels())
                    .as("channels left open after the stop")
                    .isZero();
        }
    }
}
