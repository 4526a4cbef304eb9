package io.github.guesttools.backdoor.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackdoorsTest {
    @TempDir
    Path dir;

    @Test
    void opensABridgeLocation() throws Exception {
        VmxSimulator vmx = new VmxSimulator();
        Path socket = dir.resolve("vmx.sock");
        try (BridgeServer server = BridgeServer.start(vmx, socket);
                Backdoor backdoor = Backdoors.open("unix:" + socket);
                MessageChannel rpci = MessageChannel.open(backdoor, Protocol.RPCI)) {
            rpci.send("log via factory\0".getBytes());
            assertThat(rpci.receive()).isPresent();
        }
        assertThat(vmx.rpci().log()).containsExactly("via factory");
    }

    @Test
    void refusesUnknownAndDeadLocations() {
        assertThatThrownBy(() -> Backdoors.open("tcp:1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backdoors.open("unix:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backdoors.open("unix:" + dir.resolve("nobody.sock")))
                .isInstanceOf(BackdoorException.class);
    }
}
