package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * TCLO {@code f} (the host's HGFS packets, served as the agent's user as open-vm-tools does) is on
 * by default and off with {@code hgfs.tclo = false}; the agent's own quota of sessions is apart
 * from users' ({@code hgfs.agentSessions}).
 */
class TcloHgfsSwitchTest {
    @Test
    void onByDefaultWithItsOwnSessionQuota() throws Exception {
        VmxSimulator vmx = simulator();
        try (Agent agent = new Agent(AgentConfig.of(settings(Map.of("hgfs.agentSessions", "2"))), vmx)) {
            agent.start();
            assertThat(createSession(vmx)).startsWith("OK ");
            assertThat(status(createSession(vmx))).isZero();
            assertThat(status(createSession(vmx))).isEqualTo(18); // TOO_MANY_SESSIONS
        }
    }

    @Test
    void offAnswersUnknownCommand() throws Exception {
        VmxSimulator vmx = simulator();
        try (Agent agent = new Agent(AgentConfig.of(settings(Map.of("hgfs.tclo", "false"))), vmx)) {
            agent.start();
            assertThat(createSession(vmx)).isEqualTo("ERROR Unknown Command");
            assertThat(new String(
                            vmx.submitTclo("ping".getBytes(StandardCharsets.US_ASCII))
                                    .get(60, TimeUnit.SECONDS),
                            StandardCharsets.ISO_8859_1))
                    .isEqualTo("OK ");
        }
    }

    private static VmxSimulator simulator() {
        VmxSimulator vmx = new VmxSimulator();
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        return vmx;
    }

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new java.util.HashMap<>(Map.of("auth.mode", "deny-all", "powerops.enabled", "false"));
        s.putAll(extra);
        return s;
    }

    private static String createSession(VmxSimulator vmx) throws Exception {
        byte[] packet = HgfsCodec.encode(new HgfsPacket(
                HgfsHeader.request(1, HgfsOp.CREATE_SESSION_V4, 0),
                new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of())));
        byte[] request = new byte[2 + packet.length];
        request[0] = 'f';
        request[1] = ' ';
        System.arraycopy(packet, 0, request, 2, packet.length);
        return new String(vmx.submitTclo(request).get(60, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
    }

    private static int status(String reply) throws Exception {
        byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
        HgfsPacket p = HgfsCodec.decodeReply(java.util.Arrays.copyOfRange(bytes, 3, bytes.length));
        return p.header().status();
    }
}
