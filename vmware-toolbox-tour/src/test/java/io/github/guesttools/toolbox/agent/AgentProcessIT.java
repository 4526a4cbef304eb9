package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.backdoor.vmcheck.VmCheck;
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
import io.github.guesttools.toolbox.hostsim.HgfsTransfers;
import io.github.guesttools.toolbox.identity.TestAccounts;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixRequestEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: the packaged agent (the {@code -all} jar through the launcher script) as its own OS
 * process, connected through the socket bridge to a {@link VmxSimulator} in this JVM; every guest
 * operation as VIX requests submitted as TCLO requests, with real files, processes and archives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AgentProcessIT {
    /** How long a host waits for a process exit to show in ListProcesses (generous: the machine may be loaded). */
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(60);

    private static final Pattern DUMP_ROW = Pattern.compile("(?m)^<6>[0-9a-f]{4} ((?: [0-9a-f]{2})+)");

    private Path work;
    private Path allowList;
    private Path log;
    private VmxSimulator vmx;
    private BridgeServer bridge;
    private Process agent;
    private String user;
    private String password;
    private GuestOpsClient ops;

    @BeforeAll
    void startAgent() throws Exception {
        work = Files.createTempDirectory("agent-it");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        user = Account.current().name();
        password = "it-" + HexFormat.of().formatHex(SecureRandom.getSeed(9));
        allowList = work.resolve("allow-list");
        allow(user, password);
        vmx = new VmxSimulator();
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        bridge = BridgeServer.start(vmx, work.resolve("vmx.sock"));
        log = work.resolve("agent.log");
        agent = launch(
                List.of(
                        "--backdoor",
                        "unix:" + bridge.path(),
                        "--auth",
                        "allow-list",
                        "--allow-list",
                        allowList.toString(),
                        "--trace",
                        "--log-level",
                        "debug",
                        "--set",
                        "powerops.enabled=false"),
                log);
        assertThat(tclo("reset")).isEqualTo("OK ATR toolbox");
        ops = new GuestOpsClient(this::submit, user, password);
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (bridge != null) {
            bridge.close();
        }
        if (log != null && Files.exists(log)) { // kept for the reader of a failure
            Files.copy(log, Path.of("target", "agent-it.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void everyGuestOperation() throws Exception {
        String d = work.resolve("guest").toString();
        assertThat(ops.mkdir(d).ok()).isTrue();
        assertThat(Files.isDirectory(Path.of(d))).isTrue();
        HgfsTransfers hgfs = ops.hgfs();

        byte[] big = new byte[200_000]; // several WRITE_V3 / READ_V3 packets
        new Random(7).nextBytes(big);
        hgfs.upload(d + "/big.bin", big, false);
        assertThat(Files.readAllBytes(Path.of(d, "big.bin"))).isEqualTo(big);
        assertThat(hgfs.download(d + "/big.bin")).isEqualTo(big);
        assertThat(ops.transferTo(d + "/big.bin", false).error()).isEqualTo(VixError.FILE_ALREADY_EXISTS);
        assertThat(ops.ls(d).text()).contains("<Name>big.bin</Name>").contains("<fs>200000</fs>");

        Reply started = ops.start("/bin/sh", "-c 'echo to-stdout; echo to-stderr >&2; exit 3'");
        assertThat(started.ok()).as(started.toString()).isTrue();
        long pid = Long.parseLong(started.text().strip());
        assertThat(new String(
                        hgfs.downloadWhenReady("/proc/" + pid + "/stdout", 120, Duration.ofMillis(250)),
                        StandardCharsets.UTF_8))
                .isEqualTo("to-stdout\n");
        assertThat(new String(hgfs.download("/proc/" + pid + "/stderr"), StandardCharsets.UTF_8))
                .isEqualTo("to-stderr\n");
        // its output is complete before the agent has reaped it: wait for the exit code as a host polls
        await().atMost(EXIT_DEADLINE)
                .untilAsserted(() -> assertThat(ops.ps(List.of(pid)).text())
                        .contains("<pid>" + pid + "</pid>")
                        .contains("<eCode>3</eCode>"));
        assertThat(ops.getenv(List.of("HOME")).text())
                .isEqualTo("<ev>HOME=" + Account.current().home() + "</ev>");

        assertThat(ops.chmod(d + "/big.bin", 0640).ok()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(d, "big.bin"))))
                .isEqualTo("rw-r-----");
        assertThat(ops.mv(d + "/big.bin", d + "/moved.bin").ok()).isTrue();
        assertThat(Path.of(d, "moved.bin")).exists();
        assertThat(Path.of(d, "big.bin")).doesNotExist();

        // archive download, listed by the real tar
        byte[] tgz = withoutTrailer(hgfs.download("/archive:" + d + "?format=tgz"));
        Path tgzFile = work.resolve("download.tgz");
        Files.write(tgzFile, tgz);
        assertThat(run("tar", "tzf", tgzFile.toString())).contains("moved.bin");

        // archive upload of a tar.gz made by the real tar
        Path src = Files.createDirectories(work.resolve("src/sub"));
        Files.writeString(src.resolve("a.txt"), "archived\n");
        Path upload = work.resolve("upload.tgz");
        run("tar", "czf", upload.toString(), "-C", work.resolve("src").toString(), "sub");
        String target = d + "/unpacked";
        hgfs.upload("/archive:" + target + "?format=tgz", Files.readAllBytes(upload), true);
        assertThat(Files.readString(Path.of(target, "sub", "a.txt"))).isEqualTo("archived\n");

        Reply sleeper = ops.start("/bin/sleep", "600");
        long sleeping = Long.parseLong(sleeper.text().strip());
        assertThat(ops.kill(sleeping).ok()).isTrue();
        // TerminateProcess answers once the signal is sent; the exit shows when the agent has reaped it
        await().atMost(EXIT_DEADLINE)
                .untilAsserted(
                        () -> assertThat(ops.ps(List.of(sleeping)).text()).contains("<eCode>-1</eCode>"));
        assertThat(ops.kill(sleeping).error()).isEqualTo(VixError.NO_SUCH_PROCESS);

        assertThat(ops.rm(d + "/moved.bin").ok()).isTrue();
        assertThat(ops.rmdir(d, false).error()).isEqualTo(VixError.DIRECTORY_NOT_EMPTY);
        assertThat(ops.rmdir(d, true).ok()).isTrue();
        assertThat(Path.of(d)).doesNotExist();
    }

    @Test
    @Order(2)
    void refusedLogin() throws Exception {
        String d = work.resolve("never").toString();
        Reply refused = new GuestOpsClient(this::submit, user, password + "x").mkdir(d);
        assertThat(refused.error()).isEqualTo(VixError.INVALID_LOGIN_CREDENTIALS);
        assertThat(Path.of(d)).doesNotExist();
    }

    @Test
    @Order(3)
    void deniedByTheUsersOwnPermissions() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) { // skipped (reported) unless root
            GuestOpsClient asUser = login(account);
            Path secrets = Files.createDirectories(work.resolve("secrets"));
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path secret = Files.writeString(secrets.resolve("secret.txt"), "root only\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

            assertThat(asUser.transferFrom(secret.toString()).error()).isEqualTo(VixError.FILE_ACCESS_ERROR);
            assertThat(asUser.mkdir(secrets.resolve("mine").toString()).error()).isEqualTo(VixError.FILE_ACCESS_ERROR);
            assertThat(asUser.rm(secret.toString()).error()).isEqualTo(VixError.FILE_ACCESS_ERROR);
            assertThat(secret).exists();
            // the archive is written on a thread the HGFS server starts: it inherits the user's identity
            assertThatThrownBy(() -> asUser.hgfs().download("/archive:" + secrets + "?format=tar"))
                    .isInstanceOf(HgfsTransfers.TransferException.class);
            // a program runs as the user
            long pid = Long.parseLong(asUser.start("/usr/bin/id", "-u").text().strip());
            assertThat(new String(
                                    asUser.hgfs()
                                            .downloadWhenReady("/proc/" + pid + "/stdout", 120, Duration.ofMillis(250)),
                                    StandardCharsets.UTF_8)
                            .strip())
                    .isEqualTo(Integer.toString(account.user().uid()));
            assertThat(asUser.transferFrom("/proc/" + pid + "/stdout").ok()).isTrue();
            // but not root's process output, nor kill root's program
            long rootPid = Long.parseLong(ops.start("/bin/echo", "root").text().strip());
            ops.hgfs().downloadWhenReady("/proc/" + rootPid + "/stdout", 120, Duration.ofMillis(250));
            assertThat(asUser.transferFrom("/proc/" + rootPid + "/stdout").ok()).isFalse();
            assertThat(asUser.kill(rootPid).error())
                    .isIn((long) VixError.GUEST_USER_PERMISSIONS, (long) VixError.NO_SUCH_PROCESS);
        }
    }

    @Test
    @Order(4)
    void hostileInputIsAnsweredAndTheAgentStillAnswersPing() throws Exception {
        byte[] deleteBody = {0, 0, 0, 0, 4, 0, 0, 0, '/', 'n', 'o', 'x', 0};
        byte[] good = VixRequestEncoder.relayed(
                VixOp.DELETE_GUEST_FILE_EX, deleteBody, VixRequestEncoder.namePassword(user, password), 1, 0);
        int header = indexOf(good, (byte) 0) + 1;
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("empty", new byte[0]);
        cases.put("truncated header", Arrays.copyOf(good, header + 20));
        byte[] magic = good.clone();
        magic[header] ^= 0x55;
        cases.put("bad magic", magic);
        byte[] lying = VixRequestEncoder.relayed(
                VixOp.DELETE_GUEST_FILE_EX,
                new byte[] {0, 0, 0, 0, 100, 0, 0, 0, '/', 'n', 'o', 'x', 0},
                VixRequestEncoder.namePassword(user, password),
                1,
                0);
        cases.put("lying string length", lying);
        cases.put(
                "unknown op",
                VixRequestEncoder.relayed(9999, new byte[0], VixRequestEncoder.namePassword(user, password), 1, 0));
        cases.put(
                "unknown credential type",
                VixRequestEncoder.relayed(VixOp.DELETE_GUEST_FILE_EX, deleteBody, new byte[] {1, 2, 3, 4}, 7, 0));
        byte[] garbage = new byte[64 * 1024];
        new Random(64).nextBytes(garbage);
        cases.put("64 KiB of garbage", garbage);
        Map<String, Long> expected = Map.of(
                "empty",
                (long) VixError.INVALID_MESSAGE_HEADER,
                "truncated header",
                (long) VixError.INVALID_MESSAGE_HEADER,
                "bad magic",
                (long) VixError.INVALID_MESSAGE_HEADER,
                "lying string length",
                (long) VixError.INVALID_MESSAGE_BODY,
                "unknown op",
                (long) VixError.UNRECOGNIZED_COMMAND_IN_GUEST,
                "unknown credential type",
                (long) VixError.AUTHENTICATION_FAIL,
                "64 KiB of garbage",
                (long) VixError.INVALID_MESSAGE_HEADER);
        List<String> answers = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Reply r = ops.send(c.getValue());
            answers.add(c.getKey() + " -> " + r.error());
            assertThat(r.error()).as(c.getKey()).isEqualTo(expected.get(c.getKey()));
        }
        // a garbage HGFS packet inside a valid op 84 gets an HGFS error packet, not a crash
        byte[] junk = new byte[300];
        new Random(84).nextBytes(junk);
        Reply hgfs = ops.hgfsPacket(junk);
        assertThat(hgfs.ok()).isTrue();
        assertThat(hgfs.result()).isNotEmpty();
        System.out.println("hostile input answers: " + answers);
        assertThat(tclo("ping")).isEqualTo("OK ");
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    @Order(3)
    void anotherUserGetsNeitherTheSessionNorTheProcessOutputOverOp84() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) { // skipped (reported) unless root
            GuestOpsClient other = login(account);
            long pid = Long.parseLong(
                    ops.start("/bin/echo", "for root only").text().strip());
            String stdout = "/proc/" + pid + "/stdout";
            ops.hgfs().downloadWhenReady(stdout, 120, Duration.ofMillis(250));

            long session = createSession(ops);
            HgfsMessage.OpenReply open = (HgfsMessage.OpenReply) hgfs(
                            ops,
                            session,
                            HgfsOp.OPEN,
                            new HgfsMessage.OpenRequest(
                                    new LegacyPrefix(2, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(stdout)))
                    .message();
            HgfsMessage read = new HgfsMessage.ReadV3Request(open.handle(), 0, 0xF000, 0);

            // in a session of their own, the other user may not see the output
            long own = createSession(other);
            assertThat(status(hgfs(
                            other,
                            own,
                            HgfsOp.GETATTR_V2,
                            new HgfsMessage.GetattrV2Request(
                                    new LegacyPrefix(3, HgfsOp.GETATTR_V2), 0, 0, CpName.ofPath(stdout)))))
                    .isEqualTo(HgfsStatus.ACCESS_DENIED);
            assertThat(status(hgfs(
                            other,
                            own,
                            HgfsOp.OPEN,
                            new HgfsMessage.OpenRequest(
                                    new LegacyPrefix(4, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(stdout)))))
                    .isEqualTo(HgfsStatus.ACCESS_DENIED);
            // nor read, close or destroy through root's session id and handle
            assertThat(status(hgfs(other, session, HgfsOp.READ_V3, read))).isEqualTo(HgfsStatus.STALE_SESSION);
            assertThat(status(hgfs(
                            other,
                            session,
                            HgfsOp.CLOSE,
                            new HgfsMessage.CloseRequest(new LegacyPrefix(5, HgfsOp.CLOSE), open.handle()))))
                    .isEqualTo(HgfsStatus.STALE_SESSION);
            assertThat(status(hgfs(other, session, HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0))))
                    .isEqualTo(HgfsStatus.STALE_SESSION);
            // TCLO "f" (no credentials) is the agent, not root the VIX user
            assertThat(status(tcloHgfs(session, HgfsOp.READ_V3, read))).isEqualTo(HgfsStatus.STALE_SESSION);
            hgfs(other, own, HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0));

            // root's session and handle still work
            HgfsMessage.ReadV3Reply data = (HgfsMessage.ReadV3Reply)
                    hgfs(ops, session, HgfsOp.READ_V3, read).message();
            assertThat(StandardCharsets.UTF_8.decode(data.data()).toString()).isEqualTo("for root only\n");
            assertThat(status(hgfs(
                            ops,
                            session,
                            HgfsOp.CLOSE,
                            new HgfsMessage.CloseRequest(new LegacyPrefix(6, HgfsOp.CLOSE), open.handle()))))
                    .isEqualTo(HgfsStatus.SUCCESS);
            assertThat(status(hgfs(ops, session, HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0))))
                    .isEqualTo(HgfsStatus.SUCCESS);
            assertThat(Files.readString(log))
                    .contains("presented by " + account.name() + ": refused")
                    .doesNotContain(account.password());
        }
    }

    @Test
    @Order(4)
    void tcloHgfsAndToolsStateWithoutLogin() throws Exception {
        HgfsPacket decoded =
                tcloHgfs(0, HgfsOp.CREATE_SESSION_V4, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()));
        assertThat(decoded.header().status()).isZero();
        assertThat(decoded.message()).isInstanceOf(HgfsMessage.CreateSessionReply.class);

        Reply state = ops.send(VixRequestEncoder.relayed(VixOp.GET_TOOLS_STATE, new byte[0], new byte[0], 0, 0));
        assertThat(state.ok()).isTrue();
        String properties = new String(Base64.getDecoder().decode(state.text().strip()), StandardCharsets.ISO_8859_1);
        assertThat(properties).contains("Linux");
    }

    @Test
    @Order(5)
    void traceDumpsTrafficButNeverTheCredentials() throws Exception {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        byte[] dumped = dumpedBytes(text);
        assertThat(dumped.length).as("trace dumped the traffic").isGreaterThan(10_000);
        assertThat(contains(dumped, "Vix_1_Relayed_Command".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        byte[] credential =
                Base64.getEncoder().encode((user + "\0" + password + "\0").getBytes(StandardCharsets.UTF_8));
        for (byte[] secret :
                List.of(password.getBytes(StandardCharsets.UTF_8), credential, Arrays.copyOf(credential, 12))) {
            assertThat(contains(dumped, secret))
                    .as("secret %s in the hex dump", new String(secret, StandardCharsets.ISO_8859_1))
                    .isFalse();
            assertThat(text).doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
        }
        assertThat(text).doesNotContain(password);
    }

    @Test
    @Order(6)
    void sigtermStopsTheAgent() throws Exception {
        long start = System.nanoTime();
        agent.destroy(); // SIGTERM
        boolean exited = agent.waitFor(10, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("agent stopped " + ms + " ms after SIGTERM, exit " + (exited ? agent.exitValue() : -1));
        assertThat(exited).isTrue();
        assertThat(agent.exitValue()).isEqualTo(143);
        assertThat(Files.readString(log)).contains("vmware-toolbox stopped");
    }

    @Test
    @Order(7)
    void logLinesCarryJournaldPrioritiesFromOneProvider() throws Exception {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("SLF4J"); // neither "multiple providers" nor "No SLF4J providers"
        assertThat(text)
                .containsPattern("(?m)^<6>Agent: vmware-toolbox stopped$")
                .containsPattern("(?m)^<7>\\w+: ") // --log-level debug reaches the provider
                .containsPattern("(?m)^<6>ChannelTrace: \\w+ guest->host \\d+ bytes$");
        assertThat(text.lines()
                        .filter(l -> !l.isEmpty() && !l.matches("<[3467]>.*"))
                        .toList())
                .as("lines without a priority prefix")
                .isEmpty();
    }

    @Test
    @Order(8)
    void outsideVmwareTheNativeBackdoorExitsWithItsCode() throws Exception {
        // On VMware the agent would take the TCLO channel from a running vmtoolsd: never in a test.
        assumeFalse(VmCheck.isVmware(), "CPUID reports VMware: the agent would take the TCLO channel; skipped");
        Path out = work.resolve("native.log");
        Process p = launch(List.of("--auth", "deny-all"), out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(AgentMain.NOT_VMWARE);
        assertThat(Files.readString(out)).contains("not running in a VMware virtual machine");
    }

    /**
     * The backdoor opens while the agent is wired (AgentMain's PendingBackdoor); when it cannot
     * open, the start stops with the backdoor's exit status and nothing of the agent was announced.
     * With plug-in jars present the backdoor is awaited before them: a plug-in's code never runs on
     * a machine where the agent cannot.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @Order(9)
    void aBackdoorThatCannotOpenStopsTheStartBeforeThePluginsRun(boolean withPlugin) throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins-" + withPlugin));
        Path marker = work.resolve("plugin-ran-" + withPlugin);
        if (withPlugin) {
            String source = """
                    package plug;
                    import io.github.guesttools.toolbox.agent.*;
                    public class Marker implements AgentPlugin {
                        @Override public void extend(AgentExtensions agent) throws Exception {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                        }
                    }
                    """.formatted(marker);
            PluginJars.build(
                    plugins.resolve("marker.jar"),
                    Map.of("plug.Marker", source),
                    List.of("plug.Marker"),
                    List.of("plug.Marker"));
        }
        Path out = work.resolve("no-bridge-" + withPlugin + ".log");
        Process p = launch(
                List.of(
                        "--auth",
                        "deny-all",
                        "--backdoor",
                        "unix:" + work.resolve("nothing-listens-here.sock"),
                        "--set",
                        "plugins.directory=" + plugins),
                out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(out);
        assertThat(p.exitValue()).as(log).isEqualTo(AgentMain.NOT_VMWARE);
        assertThat(log).contains("cannot open the backdoor").doesNotContain("guest operations:", "started");
        assertThat(marker).doesNotExist();
    }

    /** A VIX client for a throw-away account, added to the agent's allow-list. */
    private GuestOpsClient login(TestAccounts.Account account) throws IOException {
        allow(account.name(), account.password());
        return new GuestOpsClient(this::submit, account.name(), account.password());
    }

    private static long createSession(GuestOpsClient client) throws Exception {
        return AgentHost.createSession(client);
    }

    private static HgfsPacket hgfs(GuestOpsClient client, long session, int op, HgfsMessage message) throws Exception {
        return AgentHost.hgfs(client, session, op, message);
    }

    /** One HGFS packet in TCLO {@code f}, without credentials. */
    private HgfsPacket tcloHgfs(long session, int op, HgfsMessage message) throws Exception {
        byte[] packet = HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(1, op, session), message));
        byte[] request = new byte[2 + packet.length];
        request[0] = 'f';
        request[1] = ' ';
        System.arraycopy(packet, 0, request, 2, packet.length);
        byte[] reply = submit(request);
        assertThat(new String(reply, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("OK ");
        return HgfsCodec.decodeReply(Arrays.copyOfRange(reply, 3, reply.length));
    }

    private static HgfsStatus status(HgfsPacket reply) {
        return AgentHost.status(reply);
    }

    private void allow(String name, String secret) throws IOException {
        AgentHost.allow(allowList, name, secret);
    }

    private static Process launch(List<String> args, Path output) throws IOException {
        return AgentHost.launch(args, output);
    }

    private byte[] submit(byte[] request) throws IOException {
        return AgentHost.submit(vmx, agent, request);
    }

    private String tclo(String request) throws IOException {
        return AgentHost.tclo(vmx, agent, request);
    }

    /** The host strips the 3-byte end-of-archive trailer the guest appends ({@code docs/protocols/hgfs.md}). */
    private static byte[] withoutTrailer(byte[] archive) {
        byte[] end = Arrays.copyOfRange(archive, archive.length - 3, archive.length);
        assertThat(end).containsExactly(0x1F, 0x8B, 0x08);
        return Arrays.copyOf(archive, archive.length - 3);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static byte[] dumpedBytes(String log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = DUMP_ROW.matcher(log);
        while (m.find()) {
            for (String hex : m.group(1).strip().split(" ")) {
                out.write(Integer.parseInt(hex, 16));
            }
        }
        return out.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
