package io.github.guesttools.backdoor.simulator.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.bridge.BridgeBackdoor;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken clients lose their own connection only; the simulator serves the others. */
class MalformedBridgeTrafficTest {
    @TempDir
    Path dir;

    private final VmxSimulator simulator = new VmxSimulator();
    private BridgeServer server;
    private BridgeBackdoor good;
    private MessageChannel goodChannel;

    @BeforeEach
    void start() throws Exception {
        server = BridgeServer.start(simulator, dir.resolve("vmx.sock"), 1 << 20);
        good = BridgeBackdoor.connect(server.path());
        goodChannel = MessageChannel.open(good, Protocol.RPCI);
    }

    @AfterEach
    void stop() throws Exception {
        good.close();
        server.close();
        assertThat(dir.resolve("vmx.sock")).doesNotExist();
    }

    private SocketChannel raw() throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(server.path()));
        return c;
    }

    private static ByteBuffer request(int kind, Registers r, int extra) {
        ByteBuffer b = ByteBuffer.allocate(29 + extra).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) kind)
                .putInt(r.eax())
                .putInt(r.ebx())
                .putInt(r.ecx())
                .putInt(r.edx())
                .putInt(r.esi())
                .putInt(r.edi())
                .putInt(r.ebp());
        return b;
    }

    /** Reads until EOF; returns the bytes seen (the server must close without answering). */
    private static int drainToEof(SocketChannel c) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        int total = 0;
        int n;
        while ((n = c.read(b)) >= 0) {
            total += n;
            b.clear();
        }
        return total;
    }

    private void goodClientStillServed() throws Exception {
        goodChannel.send("info-set guestinfo.alive yes\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(goodChannel.receive())
                .hasValueSatisfying(m ->
                        assertThat(new String(m, StandardCharsets.ISO_8859_1)).isEqualTo("1 "));
        try (BridgeBackdoor fresh = BridgeBackdoor.connect(server.path())) {
            Registers v = fresh.lowBandwidth(
                    new Registers(Backdoor.MAGIC, 0, Backdoor.CMD_GETVERSION, Backdoor.LB_PORT, 0, 0, 0));
            assertThat(v.eax()).isEqualTo(6);
        }
    }

    /** Sends {@code bytes} on a fresh connection; the server must close it without answering, and keep serving. */
    private void assertClosesThatConnectionOnly(ByteBuffer bytes, boolean endOfStream) throws Exception {
        try (SocketChannel c = raw()) {
            c.write(bytes);
            if (endOfStream) {
                c.shutdownOutput();
            }
            assertThat(drainToEof(c)).isZero();
        }
        goodClientStillServed();
    }

    @Test
    void unknownKindClosesThatConnectionOnly() throws Exception {
        assertClosesThatConnectionOnly(request(9, Registers.ZERO, 0).flip(), false);
    }

    @Test
    void shortHeaderClosesThatConnectionOnly() throws Exception {
        assertClosesThatConnectionOnly(ByteBuffer.wrap(new byte[] {1, 0x68, 0x58, 0x4d}), true);
    }

    @Test
    void shortHighBandwidthPayloadClosesThatConnectionOnly() throws Exception {
        ByteBuffer b = request(2, new Registers(Backdoor.MAGIC, 0x10000, 100, Backdoor.HB_PORT, 0, 0, 0), 10);
        assertClosesThatConnectionOnly(b.put(new byte[10]).flip(), true);
    }

    @Test
    void byteCountOverTheCapClosesThatConnectionOnly() throws Exception {
        assertClosesThatConnectionOnly(
                request(3, new Registers(Backdoor.MAGIC, 0x10000, -1, Backdoor.HB_PORT, 0, 0, 0), 0)
                        .flip(),
                false);
    }

    @Test
    void protocolRefusalsComeBackAsRegistersNotAsAClosedConnection() throws Exception {
        try (SocketChannel c = raw()) {
            // An HB receive on a channel that does not exist: the answer is a failure status, no payload.
            c.write(request(3, new Registers(Backdoor.MAGIC, 0x10000, 8, 77 << 16 | Backdoor.HB_PORT, 0, 0, 0), 0)
                    .flip());
            ByteBuffer answer = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            while (answer.hasRemaining()) {
                assertThat(c.read(answer)).isNotNegative();
            }
            assertThat(answer.getInt(4) >>> 16 & 1).isZero();
            c.shutdownOutput();
            assertThat(drainToEof(c)).isZero();
        }
    }

    @Test
    void clientReportsALostSimulatorAsBackdoorException() throws Exception {
        server.close();
        assertThatThrownBy(() -> goodChannel.send(new byte[3])).isInstanceOf(BackdoorException.class);
        assertThatThrownBy(() -> good.lowBandwidth(Registers.ZERO)).isInstanceOf(BackdoorException.class);
        assertThatThrownBy(() -> BridgeBackdoor.connect(dir.resolve("vmx.sock")))
                .isInstanceOf(BackdoorException.class);
        server = BridgeServer.start(simulator, dir.resolve("vmx.sock"));
    }
}
