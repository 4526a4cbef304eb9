package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.simulator.QuiesceHost;
import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.rpc.vmbackup.FileSystemFreezer;
import io.github.guesttools.rpc.vmbackup.FreezeSession;
import io.github.guesttools.toolbox.logging.LogHold;
import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.VixOp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Quiesced snapshots in the agent: on by default with the capability, off by configuration, VIX busy
 * while frozen, and thawed when the agent stops. The freezer is a fake: the build machine's file
 * systems are never frozen here (the real freezer is tested on loop file systems in rpc-dispatch).
 */
class VmBackupWiringTest {
    private final AtomicBoolean frozen = new AtomicBoolean();
    private final AtomicBoolean logHeldAtFreeze = new AtomicBoolean();
    private final FileSystemFreezer fake = () -> new FreezeSession() {
        @Override
        public List<String> freeze() {
            logHeldAtFreeze.set(LogHold.held());
            frozen.set(true);
            return List.of("/fake");
        }

        @Override
        public void thaw() {
            frozen.set(false);
        }
    };

    private static VmxSimulator simulator() {
        VmxSimulator vmx = new VmxSimulator();
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        return vmx;
    }

    private static AgentConfig config(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("auth.mode", "deny-all", "powerops.enabled", "false"));
        s.putAll(extra);
        return AgentConfig.of(s);
    }

    private static String tclo(VmxSimulator vmx, byte[] request) throws Exception {
        return new String(vmx.submitTclo(request).get(60, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
    }

    private static String tclo(VmxSimulator vmx, String request) throws Exception {
        return tclo(vmx, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Starts a quiesce from the host and waits until the agent reports it frozen. */
    private void quiesceUntilFrozen(QuiesceHost host) throws Exception {
        assertThat(new String(host.start(false).get(60, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1))
                .isEqualTo("OK ");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> host.received("prov.snapshotCommit"));
        assertThat(frozen).isTrue();
    }

    private static byte[] toolsState() {
        byte[] vix = TestMessages.relayed(VixOp.GET_TOOLS_STATE, new byte[0], new byte[0], 0, 1);
        byte[] name = "Vix_1_Relayed_Command ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[name.length + vix.length];
        System.arraycopy(name, 0, out, 0, name.length);
        System.arraycopy(vix, 0, out, name.length, vix.length);
        return out;
    }

    /** A VMX that reconnects ({@code reset}) may know nothing of the quiesce: the agent thaws at once. */
    @Test
    void aHostResetWhileFrozenThaws() throws Exception {
        VmxSimulator vmx = simulator();
        QuiesceHost host = new QuiesceHost(vmx);
        Agent agent = new Agent(config(Map.of()), vmx, a -> a, fake);
        try {
            agent.start();
            quiesceUntilFrozen(host);

            assertThat(tclo(vmx, "reset")).isEqualTo("OK ATR toolbox");
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilFalse(frozen);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> host.received("req.done"));
            assertThat(host.progress()).extracting(QuiesceHost.Event::name).contains("req.aborted");
            assertThat(LogHold.held()).isFalse();
            // and a reset with nothing in progress changes nothing
            assertThat(tclo(vmx, "reset")).isEqualTo("OK ATR toolbox");
        } finally {
            agent.close();
        }
    }

    @Test
    void onByDefaultVixIsBusyWhileFrozenAndStoppingThaws() throws Exception {
        VmxSimulator vmx = simulator();
        QuiesceHost host = new QuiesceHost(vmx);
        Agent agent = new Agent(config(Map.of()), vmx, a -> a, fake);
        try {
            agent.start();
            assertThat(tclo(vmx, "Capabilities_Register")).isEqualTo("OK ");
            assertThat(vmx.rpci().capabilities()).containsEntry("features", "36=1");
            assertThat(tclo(vmx, toolsState())).doesNotStartWith("OK 5 ");

            quiesceUntilFrozen(host);
            assertThat(logHeldAtFreeze)
                    .as("the log is in memory before the freeze")
                    .isTrue();
            assertThat(LogHold.held()).isTrue();
            assertThat(tclo(vmx, toolsState())).as("5 OBJECT_IS_BUSY").startsWith("OK 5 ");
        } finally {
            agent.close();
        }
        assertThat(frozen).as("stopping the agent thaws").isFalse();
        assertThat(LogHold.held()).as("and writes the log again").isFalse();
        assertThat(host.progress()).extracting(QuiesceHost.Event::name).contains("req.aborted", "req.done");
    }

    @Test
    void offByConfigurationAnswersUnknownCommand() throws Exception {
        VmxSimulator vmx = simulator();
        try (Agent agent = new Agent(config(Map.of("vmbackup.enabled", "false")), vmx, a -> a, fake)) {
            agent.start();
            assertThat(tclo(vmx, "vmbackup.start 0")).isEqualTo("ERROR Unknown Command");
            assertThat(tclo(vmx, "Capabilities_Register")).isEqualTo("OK ");
            assertThat(vmx.rpci().capabilities()).doesNotContainKey("features");
        }
        assertThat(frozen).isFalse();
    }

    @Test
    void settingsAreReadAndBounded() {
        VmBackupConfig c = config(Map.of(
                        "vmbackup.excludedFileSystems", "/mnt/*, /data/scratch",
                        "vmbackup.frozenTimeout", "20",
                        "vmbackup.timeout", "0",
                        "vmbackup.scriptArg", "nightly"))
                .vmbackup();
        assertThat(c.enabled()).isTrue();
        assertThat(c.excludedFileSystems()).containsExactly("/mnt/*", "/data/scratch");
        assertThat(c.settings().frozenTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.settings().timeout()).isZero();
        assertThat(c.settings().scriptArg()).isEqualTo("nightly");
        assertThat(c.xmlManifest()).isTrue();
        assertThat(config(Map.of("vmbackup.enableXmlManifest", "false"))
                        .vmbackup()
                        .xmlManifest())
                .isFalse();
        assertThat(config(Map.of()).vmbackup()).isEqualTo(VmBackupConfig.DEFAULT);
        assertThatThrownBy(() -> config(Map.of("vmbackup.frozenTimeout", "601")))
                .hasMessageContaining("vmbackup.frozenTimeout");
        assertThatThrownBy(() -> config(Map.of("vmbackup.frozenTimeout", "0")))
                .hasMessageContaining("vmbackup.frozenTimeout");
        assertThatThrownBy(() -> config(Map.of("vmbackup.timeout", "-1"))).hasMessageContaining("vmbackup.timeout");
        assertThatThrownBy(() -> config(Map.of("vmbackup.scriptArg", "a\u0001b")))
                .hasMessageContaining("scriptArg");
    }

    @Test
    void theExampleConfigurationIsValid() throws Exception {
        AgentConfig c = AgentConfig.of(AgentConfig.readFile(java.nio.file.Path.of("src/main/config/toolbox.conf")));
        assertThat(c.vmbackup()).isEqualTo(VmBackupConfig.DEFAULT);
    }
}
