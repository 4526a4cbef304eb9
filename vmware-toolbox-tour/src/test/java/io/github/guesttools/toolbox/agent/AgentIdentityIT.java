package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.hgfs.codec.CpName;
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
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks of a guest user on a root agent (issue 11), through the packaged agent over the
 * simulator bridge: every guest operation must see exactly the user's kernel view, and a user
 * whose opens would block must not stall anyone else. Each test makes a throw-away account and is
 * skipped (with the reason printed) unless root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AgentIdentityIT {
    private static final Path CAD_PID = Path.of("/proc/sys/kernel/cad_pid");
    private static final Path DOMAINNAME = Path.of("/proc/sys/kernel/domainname");

    private Path work;
    private Path allowList;
    private VmxSimulator vmx;
    private BridgeServer bridge;
    private Process agent;
    private GuestOpsClient root;

    @BeforeAll
    void startAgent() throws Exception {
        TestAccounts.assumeRoot();
        work = Files.createTempDirectory("agent-identity-it");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        String password = "it-" + HexFormat.of().formatHex(SecureRandom.getSeed(9));
        allowList = work.resolve("allow-list");
        allow(Account.current().name(), password);
        vmx = new VmxSimulator();
        vmx.rpci().register("vmx.capability.unified_loop", c -> RpciHandler.ok(""));
        bridge = BridgeServer.start(vmx, work.resolve("vmx.sock"));
        List<String> command = new ArrayList<>(List.of(
                "sh",
                Path.of(System.getProperty("agent.scripts"), "vmware-toolbox").toString(),
                "--backdoor",
                "unix:" + bridge.path(),
                "--auth",
                "allow-list",
                "--allow-list",
                allowList.toString(),
                "--set",
                "powerops.enabled=false"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.log").toFile());
        pb.environment().put("VMWARE_TOOLBOX_CLASSPATH", System.getProperty("agent.jar"));
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        agent = pb.start();
        assertThat(new String(submit("reset".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1))
                .isEqualTo("OK ATR toolbox");
        root = new GuestOpsClient(this::submit, Account.current().name(), password);
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (bridge != null) {
            bridge.close();
        }
        if (work != null) {
            if (Files.exists(work.resolve("agent.log"))) { // kept for the reader of a failure
                Files.copy(
                        work.resolve("agent.log"),
                        Path.of("target", "agent-identity-it.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void userCannotReadRootOnlyProcSysFiles() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) {
            GuestOpsClient user = login(account);
            assertThat(Files.readString(CAD_PID)).as("root can read it").isNotBlank();
            assertThat(user.transferFrom(CAD_PID.toString()).ok()).isFalse();
            assertThatThrownBy(() -> user.hgfs().download(CAD_PID.toString()))
                    .isInstanceOf(HgfsTransfers.TransferException.class);
            // nor through a raw op-84 open without the op-188 check
            long session = createSession(user);
            assertThat(status(hgfs(
                            user,
                            session,
                            HgfsOp.OPEN,
                            new HgfsMessage.OpenRequest(
                                    new LegacyPrefix(2, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(CAD_PID.toString())))))
                    .isEqualTo(HgfsStatus.ACCESS_DENIED);
            hgfs(user, session, HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0));
        }
    }

    @Test
    void userCannotWriteProcSysKernelDomainname() throws Exception {
        String original = Files.readString(DOMAINNAME).strip();
        try (TestAccounts.Account account = TestAccounts.create()) {
            GuestOpsClient user = login(account);
            assertThatThrownBy(() -> user.hgfs()
                            .upload(DOMAINNAME.toString(), "owned".getBytes(StandardCharsets.US_ASCII), true))
                    .isInstanceOf(HgfsTransfers.TransferException.class);
        } finally {
            if (!Files.readString(DOMAINNAME).strip().equals(original)) {
                Files.writeString(DOMAINNAME, original, StandardOpenOption.WRITE);
                throw new AssertionError("the user changed the domain name (restored to '" + original + "')");
            }
        }
    }

    @Test
    void kallsymsShowsTheUserOnlyWhatTheUserSees() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) {
            GuestOpsClient user = login(account);
            Account who = account.user();
            String own = run(
                    "setpriv",
                    "--reuid=" + who.uid(),
                    "--regid=" + who.gid(),
                    "--init-groups",
                    "--",
                    "head",
                    "-n",
                    "3",
                    "/proc/kallsyms");
            String served = new String(user.hgfs().download("/proc/kallsyms"), StandardCharsets.UTF_8);
            assertThat(String.join("\n", served.lines().limit(3).toList()) + "\n")
                    .isEqualTo(own);
        }
    }

    @Test
    void fifoOpensOfOneUserDoNotStallAnotherUsersListFiles() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) {
            GuestOpsClient user = login(account);
            Path fifo = Path.of(account.user().home(), "stall");
            run(
                    "setpriv",
                    "--reuid=" + account.user().uid(),
                    "--regid=" + account.user().gid(),
                    "--init-groups",
                    "--",
                    "mkfifo",
                    fifo.toString());
            long session = createSession(user);
            ExecutorService attackers = Executors.newFixedThreadPool(6);
            try {
                List<Future<HgfsPacket>> opens = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int id = 10 + i;
                    opens.add(attackers.submit(() -> hgfs(
                            user,
                            session,
                            HgfsOp.OPEN,
                            new HgfsMessage.OpenRequest(
                                    new LegacyPrefix(id, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(fifo.toString())))));
                }
                Reply listing = root.ls(work.toString());
                assertThat(listing.ok())
                        .as("another user's ListFiles: %s", listing)
                        .isTrue();
                for (Future<HgfsPacket> open : opens) {
                    assertThat(status(open.get(120, TimeUnit.SECONDS))).isEqualTo(HgfsStatus.ACCESS_DENIED);
                }
            } finally {
                // On a vulnerable agent, release the blocked opens: an O_RDWR open of a FIFO is a writer.
                if (Files.exists(fifo)) {
                    try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
                        writer.getFD().sync();
                    } catch (IOException ignored) {
                        // best effort
                    }
                }
                attackers.shutdownNow();
            }
        }
    }

    @Test
    void startProgramEnvironmentNeverReachesRoot() throws Exception {
        try (TestAccounts.Account account = TestAccounts.create()) {
            GuestOpsClient user = login(account);
            int uid = account.user().uid();
            Path shared = Files.createDirectory(work.resolve("env-" + account.name()));
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path ids = shared.resolve("ids");
            Path source = shared.resolve("evil.c");
            Path library = shared.resolve("evil.so");
            Files.writeString(
                    source,
                    "#include <stdio.h>\n#include <unistd.h>\n"
                            + "__attribute__((constructor)) static void evil(void) {\n"
                            + "  FILE *f = fopen(\"" + ids + "\", \"a\");\n"
                            + "  if (f) { fprintf(f, \"%d\\n\", (int) geteuid()); fclose(f); }\n}\n");
            run("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString());
            Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createFile(ids);
            Files.setPosixFilePermissions(ids, PosixFilePermissions.fromString("rw-rw-rw-"));
            Path debug = shared.resolve("debug");

            long pid = Long.parseLong(user.start(
                            "/bin/true",
                            "",
                            List.of("LD_PRELOAD=" + library, "LD_DEBUG=libs", "LD_DEBUG_OUTPUT=" + debug))
                    .text()
                    .strip());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (user.ps(List.of(pid)).text().contains("<eTime>0</eTime>") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readAllLines(ids))
                    .as("the preload ran, as the user only")
                    .contains(Integer.toString(uid))
                    .containsOnly(Integer.toString(uid));
            try (var files = Files.list(shared)) {
                List<Path> written = files.filter(
                                f -> f.getFileName().toString().startsWith("debug."))
                        .toList();
                assertThat(written).isNotEmpty();
                for (Path file : written) {
                    assertThat((Integer) Files.getAttribute(file, "unix:uid"))
                            .as(file.toString())
                            .isEqualTo(uid);
                }
            }
        }
    }

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

    private static HgfsStatus status(HgfsPacket reply) {
        return AgentHost.status(reply);
    }

    private void allow(String name, String secret) throws IOException {
        AgentHost.allow(allowList, name, secret);
    }

    private byte[] submit(byte[] request) throws IOException {
        return AgentHost.submit(vmx, agent, request);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
