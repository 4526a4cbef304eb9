package io.github.guesttools.backdoor.simulator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.bridge.BridgeBackdoor;
import io.github.guesttools.backdoor.channel.HostControl;
import io.github.guesttools.backdoor.channel.MessageChannelContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The suite over the bridge to a SimulatorMain in another JVM. */
class BridgeProcessMessageChannelTest extends MessageChannelContract {
    @TempDir
    static Path dir;

    private static ForkedSimulator simulator;
    private static BridgeBackdoor client;

    @BeforeAll
    static void start() throws Exception {
        simulator = new ForkedSimulator(dir.resolve("vmx.sock"));
        client = BridgeBackdoor.connect(simulator.socket);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        simulator.close();
        assertThat(simulator.process().exitValue()).isZero();
    }

    @Override
    protected Backdoor backdoor() {
        return client;
    }

    @Override
    protected HostControl host() {
        return simulator;
    }
}
