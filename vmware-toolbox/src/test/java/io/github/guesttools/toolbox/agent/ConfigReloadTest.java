package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.rpc.timesync.GuestClock;
import io.github.guesttools.toolbox.cmd.ToolboxCmdProcess;
import io.github.guesttools.toolbox.cmd.ToolboxCmdProcess.Result;
import io.github.guesttools.toolbox.logging.JournalLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent and {@code vmware-toolbox-cmd} as separate processes against the simulator bridge, as an
 * administrator uses them: {@code timesync disable} stops the periodic loop (through the VMX, as on VMware), and
 * {@code config set} / {@code logging level set} reach the agent through its configuration file. The agent's
 * clock is a fake: this machine's clock is never changed here.
 */
class ConfigReloadTest {
    private static final Map<String, String> OPTIONS = Map.of("auth.mode", "deny-all", "powerops.enabled", "false");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final VmxSimulator vmx = new VmxSimulator();
    private final FakeClock clock = new FakeClock();
    private BridgeServer bridge;
    private Agent agent;
    private Path conf;

    /** The real time, moved by the agent's steps; records them. */
    static final class FakeClock implements GuestClock {
        volatile long offset;
        final List<Long> steps = new CopyOnWriteArrayList<>();

        @Override
        public long nowMicros() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + offset;
        }

        @Override
        public void step(long deltaMicros) {
            steps.add(deltaMicros);
            offset += deltaMicros;
        }

        @Override
        public void setTick(long tickMicros) {}

        @Override
        public boolean kernelSynchronized() {
            return false;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        JournalLevel.set(System.getProperty(JournalLevel.PROPERTY, "info"));
    }

    private void startAgent(String confText) throws Exception {
        conf = Files.writeString(dir.resolve("toolbox.conf"), confText);
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"));
        AgentConfig config = AgentConfig.of(ConfigWatch.merge(AgentConfig.readFile(conf), OPTIONS));
        AgentBuilder b = Agent.builder(vmx).config(config).reloadFrom(conf, OPTIONS);
        b.guestClock = clock;
        agent = b.build();
        agent.start();
    }

    private Result cmd(String... args) throws Exception {
        return ToolboxCmdProcess.run(bridge.path(), conf, dir, args);
    }

    private String tclo(String request) throws Exception {
        return new String(vmx.submitTclo(request).get(60, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
    }

    /**
     * The RPCI commands of one full guest-info push: a {@code reset} makes the agent forget what it sent and send
     * everything again, disks before the uptime, which comes last.
     */
    private List<String> sentAfterReset() throws Exception {
        vmx.clearRecords();
        assertThat(tclo("reset")).isEqualTo("OK ATR toolbox");
        await().atMost(DEADLINE).until(() -> commands().stream().anyMatch(c -> c.matches("(?s)SetGuestInfo +7 .*")));
        return commands();
    }

    private List<String> commands() {
        return vmx.rpciCommands().stream().map(r -> r.commandText()).toList();
    }

    private static void needRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("ConfigReloadTest skipped a test: config and logging need root, as in open-vm-tools");
        }
        assumeTrue(root, "config and logging need root");
    }

    @Test
    void timesyncDisableStopsTheRunningLoop() throws Exception {
        startAgent("[guestinfo]\npoll-interval = 1\n");
        assertThat(agent.timeSync().loopRunning()).isFalse();
        assertThat(cmd("timesync", "enable")).isEqualTo(new Result(0, "Enabled\n", ""));
        await().atMost(DEADLINE).until(() -> agent.timeSync().loopRunning());
        assertThat(cmd("timesync", "disable")).isEqualTo(new Result(0, "Disabled\n", ""));
        await().atMost(DEADLINE).until(() -> !agent.timeSync().loopRunning());
        assertThat(cmd("timesync", "status")).isEqualTo(new Result(69, "Disabled\n", ""));
    }

    @Test
    void configSetReachesTheRunningAgent() throws Exception {
        needRoot();
        startAgent("# the administrator's comment\n[guestinfo]\npoll-interval = 1\n");
        clock.offset = -100_000_000; // 100 s behind the host
        assertThat(tclo("Time_Synchronize 0")).isEqualTo("OK ");
        assertThat(clock.steps).hasSize(1);

        assertThat(cmd("config", "set", "timeSync", "disable-all", "true").status())
                .isZero();
        await().atMost(DEADLINE).until(() -> agent.timeSync().allDisabled());
        clock.offset = -100_000_000;
        assertThat(tclo("Time_Synchronize 0")).as("still answered").isEqualTo("OK ");
        assertThat(clock.steps).as("but nothing corrected").hasSize(1);

        assertThat(sentAfterReset())
                .as("disk info sent with the rest")
                .anyMatch(c -> c.startsWith("SetGuestDiskInfo "));
        assertThat(cmd("config", "set", "guestinfo", "disable-query-diskinfo", "true")
                        .status())
                .isZero();
        await().atMost(DEADLINE).until(() -> !agent.reloadable().diskInfo());
        assertThat(sentAfterReset()).as("disk info off").noneMatch(c -> c.startsWith("SetGuestDiskInfo "));

        assertThat(cmd("config", "set", "timeSync", "disable-all", "maybe").status())
                .isZero();
        await().atMost(DEADLINE).until(() -> !agent.timeSync().allDisabled());
        assertThat(tclo("ping"))
                .as("a bad value: the default, and the agent goes on")
                .isEqualTo("OK ");
        assertThat(Files.readString(conf)).startsWith("# the administrator's comment\n");
    }

    @Test
    void loggingLevelSetChangesTheRunningAgentsLevel() throws Exception {
        needRoot();
        startAgent("[guestinfo]\npoll-interval = 1\n[logging]\nvmtoolsd.level = message\n");
        Logger log = LoggerFactory.getLogger("ConfigReloadTest");
        JournalLevel.set("info"); // what the agent's main sets from the file at start
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(cmd("logging", "level", "set", "vmtoolsd", "debug").status()).isZero();
        await().atMost(DEADLINE).until(log::isDebugEnabled);
        assertThat(cmd("logging", "level", "set", "vmtoolsd", "warning").status())
                .isZero();
        await().atMost(DEADLINE).until(() -> !log.isInfoEnabled());
        assertThat(log.isWarnEnabled()).isTrue();
    }
}
