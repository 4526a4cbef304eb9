package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.codec.LegacyPrefix;
import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient.Reply;
import io.github.guesttools.toolbox.identity.TestAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 against the packaged agent, run with a lowered file-descriptor limit ({@code prlimit
 * --nofile}) and small configured limits: one real throw-away user holding every HGFS handle and
 * session and program they may (attacks 4, 5, 7) leaves the agent's other users and TCLO {@code f}
 * working, and that user's 5 MiB stdin upload works (attack 9). Root only (real accounts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AgentLimitsIT {
    private static final int FD_LIMIT = 400;

    private Path work;
    private Path allowList;
    private Path log;
    private VmxSimulator vmx;
    private BridgeServer bridge;
    private Process agent;
    private GuestOpsClient ops;
    private TestAccounts.Account attacker;
    private GuestOpsClient mallory;

    @BeforeAll
    void startAgent() throws Exception {
        TestAccounts.assumeRoot();
        attacker = TestAccounts.create(); // skips (assumption) unless root
        work = Files.createTempDirectory("agent-limits-it");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        allowList = work.resolve("allow-list");
        String user = Account.current().name();
        String password = "it-" + HexFormat.of().formatHex(SecureRandom.getSeed(9));
        allow(user, password);
        allow(attacker.name(), attacker.password());
        vmx = new VmxSimulator();
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        bridge = BridgeServer.start(vmx, work.resolve("vmx.sock"));
        log = work.resolve("agent.log");
        List<String> command = new ArrayList<>(List.of(
                "prlimit",
                "--nofile=" + FD_LIMIT + ":" + FD_LIMIT,
                "--",
                "sh",
                Path.of(System.getProperty("agent.scripts"), "vmware-toolbox").toString(),
                "--backdoor",
                "unix:" + bridge.path(),
                "--auth",
                "allow-list",
                "--allow-list",
                allowList.toString(),
                "--set",
                "powerops.enabled=false",
                "--set",
                "hgfs.sessionsPerUser=2",
                "--set",
                "hgfs.agentSessions=2",
                "--set",
                "hgfs.handlesPerSession=64",
                "--set",
                "processes.runningPerUser=3"));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("VMWARE_TOOLBOX_CLASSPATH", System.getProperty("agent.jar"));
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        agent = pb.start();
        assertThat(tclo("reset")).isEqualTo("OK ATR toolbox");
        ops = new GuestOpsClient(this::submit, user, password);
        mallory = new GuestOpsClient(this::submit, attacker.name(), attacker.password());
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroy(); // SIGTERM: the agent deletes its spill files
            if (!agent.waitFor(60, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (bridge != null) {
            bridge.close();
        }
        if (log != null && Files.exists(log)) {
            Files.copy(
                    log, Path.of("target", "agent-limits-it.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (work != null) {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        if (attacker != null) {
            attacker.close();
        }
    }

    /** Attacks 4 and 7: one user opened handles up to the fd limit, and held every session. */
    @Test
    void aUserHoldingAllTheirHandlesAndSessionsLeavesOthersWorking() throws Exception {
        int opened = 0;
        List<HgfsStatus> refusals = new ArrayList<>();
        List<Long> sessions = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long session = createSession(mallory);
            sessions.add(session);
            for (int i = 0; i < FD_LIMIT; i++) {
                HgfsPacket reply = hgfs(
                        mallory,
                        session,
                        HgfsOp.OPEN,
                        new HgfsMessage.OpenRequest(
                                new LegacyPrefix(2, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath("/etc/hostname")));
                if (status(reply) != HgfsStatus.SUCCESS) {
                    refusals.add(status(reply));
                    break;
                }
                opened++;
            }
        }
        assertThat(opened).isEqualTo(2 * 64);
        assertThat(refusals).containsOnly(HgfsStatus.GENERIC_ERROR);
        assertThat(status(hgfs(
                        mallory,
                        0,
                        HgfsOp.CREATE_SESSION_V4,
                        new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()))))
                .isEqualTo(HgfsStatus.TOO_MANY_SESSIONS);

        // everyone else: a login, a listing, an HGFS download, and the host's own TCLO "f"
        assertThat(ops.ls("/etc").ok()).isTrue();
        assertThat(ops.hgfs().download("/etc/hostname")).isEqualTo(Files.readAllBytes(Path.of("/etc/hostname")));
        assertThat(tcloCreateSession()).isEqualTo(HgfsStatus.SUCCESS);

        for (long session : sessions) {
            assertThat(status(hgfs(mallory, session, HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0))))
                    .isEqualTo(HgfsStatus.SUCCESS);
        }
    }

    /** Attack 5: programs per user; the next one is refused with VIX 5, others still start. */
    @Test
    void aUserRunningAllTheirProgramsLeavesOthersStarting() throws Exception {
        List<Long> pids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Reply r = mallory.start("/bin/sleep", "300");
                assertThat(r.ok()).as(r.toString()).isTrue();
                pids.add(Long.parseLong(r.text().strip()));
            }
            Reply refused = mallory.start("/bin/sleep", "300");
            assertThat(refused.ok()).isFalse();
            assertThat(refused.error()).isEqualTo(5);
            Reply other = ops.start("/bin/echo", "unaffected");
            assertThat(other.ok()).as(other.toString()).isTrue();
        } finally {
            for (long pid : pids) {
                mallory.kill(pid);
            }
        }
    }

    /**
     * Attack 5: 45 programs printing 4 MB each (kept for the 5-minute retention) filled the heap;
     * the agent here has the launcher's 64 MiB heap ({@code -XX:MaxRAM=256m}). Now the user's
     * share of the heap is spent and the rest spills to disk; the agent goes on answering.
     */
    @Test
    void manyProgramsPrintingMegabytesDoNotFillTheHeap() throws Exception {
        for (int i = 0; i < 45; i++) {
            Reply r = startWhenAllowed(mallory, "/usr/bin/head", "-c 4000000 /dev/zero");
            assertThat(r.ok()).as("program %d: %s", i, r).isTrue();
        }
        Reply echo = ops.start("/bin/echo", "still answering");
        assertThat(echo.ok()).as(echo.toString()).isTrue();
        String out = new String(
                ops.hgfs().downloadWhenReady("/proc/" + echo.text().strip() + "/stdout", 240, Duration.ofMillis(250)),
                StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("still answering\n");
        assertThat(agent.isAlive()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }

    /** Starts a program, retrying while the user's running programs are at the limit (VIX 5). */
    private static Reply startWhenAllowed(GuestOpsClient client, String program, String arguments) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            Reply r = client.start(program, arguments);
            if (r.ok() || r.error() != 5 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(50);
        }
    }

    /** Attack 9: a non-root user's stdin upload above the 4 MiB heap threshold. */
    @Test
    void aNonRootUsersFiveMebibyteStdinUploadArrives() throws Exception {
        // the previous tests' programs may still be ending
        Reply started = startWhenAllowed(mallory, "/usr/bin/wc", "-c");
        assertThat(started.ok()).as(started.toString()).isTrue();
        long pid = Long.parseLong(started.text().strip());
        byte[] data = new byte[5 << 20];
        mallory.hgfs().upload("/proc/" + pid + "/stdin", data, true);
        String count = new String(
                mallory.hgfs().downloadWhenReady("/proc/" + pid + "/stdout", 240, Duration.ofMillis(250)),
                StandardCharsets.UTF_8);
        assertThat(count.strip()).isEqualTo(String.valueOf(data.length));
    }

    /** Attack 8: a user name with a newline and a priority prefix forged a journal entry. */
    @Test
    void aUserNameCannotForgeAJournalEntry() throws Exception {
        GuestOpsClient forger = new GuestOpsClient(this::submit, "nobody\n<2>forged-" + attacker.name(), "x");
        assertThat(forger.ls("/").ok()).isFalse();
        String text = Files.readString(log);
        assertThat(text).contains("forged-" + attacker.name());
        assertThat(text.lines()).noneMatch(l -> l.contains("<2>forged-") && !l.contains("\\n<2>forged-"));
    }

    private HgfsStatus tcloCreateSession() throws Exception {
        byte[] packet = HgfsCodec.encode(new HgfsPacket(
                HgfsHeader.request(1, HgfsOp.CREATE_SESSION_V4, 0),
                new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of())));
        byte[] request = new byte[2 + packet.length];
        request[0] = 'f';
        request[1] = ' ';
        System.arraycopy(packet, 0, request, 2, packet.length);
        byte[] reply = submit(request);
        assertThat(new String(reply, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("OK ");
        return status(HgfsCodec.decodeReply(Arrays.copyOfRange(reply, 3, reply.length)));
    }

    private static long createSession(GuestOpsClient client) throws Exception {
        HgfsPacket reply = hgfs(
                client, 0, HgfsOp.CREATE_SESSION_V4, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()));
        assertThat(status(reply)).isEqualTo(HgfsStatus.SUCCESS);
        return ((HgfsMessage.CreateSessionReply) reply.message()).sessionId();
    }

    private static HgfsPacket hgfs(GuestOpsClient client, long session, int op, HgfsMessage message) throws Exception {
        return AgentHost.hgfs(client, session, op, message);
    }

    private static HgfsStatus status(HgfsPacket reply) {
        return AgentHost.status(reply);
    }

    private void allow(String name, String secret) throws IOException {
        AgentHost.allow(allowList, name, secret);
    }

    private byte[] submit(byte[] request) throws IOException {
        return AgentHost.submit(vmx, agent, request);
    }

    private String tclo(String request) throws IOException {
        return AgentHost.tclo(vmx, agent, request);
    }
}
