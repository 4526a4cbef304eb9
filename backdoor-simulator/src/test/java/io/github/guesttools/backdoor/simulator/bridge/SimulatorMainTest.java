package io.github.guesttools.backdoor.simulator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.bridge.BridgeBackdoor;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SimulatorMain as a separate process with a TCLO script, driven by a guest poll loop here. */
class SimulatorMainTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only
    void runsAScriptAgainstAGuestInAnotherProcess() throws Exception {
        Path script = dir.resolve("requests.txt");
        Files.writeString(
                script, "# comment\nreset\n\nping\nVix_1_Relayed_Command \\x01\\x02\\0\n", StandardCharsets.ISO_8859_1);
        Path socket = dir.resolve("vmx.sock");
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SimulatorMain.class.getName(),
                        "--listen",
                        socket.toString(),
                        "--script",
                        script.toString(),
                        "--no-high-bandwidth")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
            assertThat(out.readLine()).isEqualTo("listening " + socket);
            BridgeBackdoor backdoor = BridgeBackdoor.connect(socket);
            MessageChannel tclo = MessageChannel.open(backdoor, Protocol.TCLO);
            byte[] reply = new byte[0];
            int answered = 0;
            while (answered < 3) { // a minimal TCLO poll loop (docs/protocols/rpc.md §3)
                tclo.send(reply);
                Optional<byte[]> request = tclo.receive();
                assertThat(tclo.isHighBandwidth()).isFalse();
                reply = request.map(r -> ("OK " + r.length).getBytes(StandardCharsets.ISO_8859_1))
                        .orElse(new byte[0]);
                answered += request.isPresent() ? 1 : 0;
            }
            // The simulator exits as soon as this last reply reaches it, so the send's answer and
            // the channel's CLOSE may find the connection gone: the printed lines are the result.
            try {
                tclo.send(reply);
                tclo.close();
            } catch (IOException expectedWhenTheSimulatorHasExited) {
                // checked through the simulator's output below
            } finally {
                backdoor.close();
            }
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(lines)
                .containsExactly(
                        "> reset", "< OK 5", "> ping", "< OK 4", "> Vix_1_Relayed_Command \\x01\\x02\\0", "< OK 25");
    }

    @Test
    void replacesAStaleSocketButNotALiveOneOrAFile() throws Exception {
        Path socket = dir.resolve("stale.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close(); // leaves the socket file behind, as a SIGKILL would
        assertThat(socket).exists();
        assertThat(StaleSocket.removeIfDead(socket)).doesNotExist();

        try (BridgeServer live = BridgeServer.start(new VmxSimulator(), socket)) {
            assertThat(StaleSocket.removeIfDead(socket)).exists();
        }
        Path file = dir.resolve("file.sock");
        Files.writeString(file, "not a socket");
        assertThat(StaleSocket.removeIfDead(file)).hasContent("not a socket");
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        assertThat(SimulatorMain.run(new String[] {"--bogus"}, System.out)).isEqualTo(2);
        assertThat(SimulatorMain.run(new String[0], System.out)).isEqualTo(2);
    }
}
