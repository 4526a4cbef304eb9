package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.toolbox.auth.AllowListFile;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The host's side shared by the tests that run the packaged agent as a process behind the bridge. */
final class AgentHost {
    private AgentHost() {}

    /** Starts the vmware-toolbox launcher script on the test's {@code -all} jar, output to {@code output}. */
    static Process launch(List<String> args, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "sh",
                Path.of(System.getProperty("agent.scripts"), "vmware-toolbox").toString()));
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("VMWARE_TOOLBOX_CLASSPATH", System.getProperty("agent.jar"));
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return pb.start();
    }

    /** One TCLO request and its reply, waited for with a deadline; says whether the agent still runs. */
    static byte[] submit(VmxSimulator vmx, Process agent, byte[] request) throws IOException {
        try {
            return vmx.submitTclo(request).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no TCLO reply (agent alive: " + agent.isAlive() + ")", e);
        }
    }

    static String tclo(VmxSimulator vmx, Process agent, String request) throws IOException {
        return new String(submit(vmx, agent, request.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
    }

    /** Adds {@code name} with {@code secret} to the agent's allow-list file. */
    static void allow(Path allowList, String name, String secret) throws IOException {
        Files.writeString(
                allowList,
                name + ":" + AllowListFile.hash(secret.getBytes(StandardCharsets.UTF_8)) + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static long createSession(GuestOpsClient client) throws Exception {
        HgfsPacket reply = hgfs(
                client, 0, HgfsOp.CREATE_SESSION_V4, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()));
        return ((HgfsMessage.CreateSessionReply) reply.message()).sessionId();
    }

    /** One HGFS packet in VIX op 84, with the client's credentials. */
    static HgfsPacket hgfs(GuestOpsClient client, long session, int op, HgfsMessage message) throws Exception {
        Reply reply = client.hgfsPacket(HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(1, op, session), message)));
        assertThat(reply.ok()).as("VIX error %d", reply.error()).isTrue();
        return HgfsCodec.decodeReply(reply.result());
    }

    static HgfsStatus status(HgfsPacket reply) {
        return HgfsStatus.of(reply.header().status());
    }
}
