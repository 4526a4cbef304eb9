package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.bridge.BridgeBackdoor;
import io.github.guesttools.backdoor.channel.LocalSimulatorContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The suite over the bridge to a simulator served by threads of this JVM. */
class BridgeThreadMessageChannelTest extends LocalSimulatorContract {
    @TempDir
    Path dir;

    private BridgeServer server;
    private BridgeBackdoor client;

    @BeforeEach
    void start() throws Exception {
        server = BridgeServer.start(simulator, dir.resolve("vmx.sock"));
        client = BridgeBackdoor.connect(server.path());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Override
    protected Backdoor backdoor() {
        return client;
    }
}
