package io.github.guesttools.backdoor.bridge;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.channel.HostControl;
import io.github.guesttools.backdoor.channel.MessageChannelContract;
import io.github.guesttools.backdoor.channel.SimulatorControl;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The suite over the bridge to a simulator served by threads of this JVM. */
class BridgeThreadMessageChannelTest extends MessageChannelContract {
    @TempDir
    static Path dir;
    private static final VmxSimulator SIMULATOR = new VmxSimulator();
    private static BridgeServer server;
    private static BridgeBackdoor client;

    @BeforeAll
    static void start() throws Exception {
        server = BridgeServer.start(SIMULATOR, dir.resolve("vmx.sock"));
        client = BridgeBackdoor.connect(server.path());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    @Override
    protected Backdoor backdoor() {
        return client;
    }

    @Override
    protected HostControl host() {
        return new SimulatorControl(SIMULATOR);
    }
}
