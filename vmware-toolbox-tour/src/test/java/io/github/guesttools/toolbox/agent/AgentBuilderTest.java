package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.StreamFile;
import io.github.guesttools.hgfs.spi.TransferPath;
import io.github.guesttools.rpc.netinfo.InterfaceFilter;
import io.github.guesttools.rpc.power.PowerOperation;
import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient.Reply;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import io.github.guesttools.toolbox.vix.VixRequestEncoder;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: each extension point of {@link Agent#builder}, replaced or added in one call and
 * exercised as the host would, through TCLO and VIX on the simulator (not by calling the handler).
 */
class AgentBuilderTest {
    /** VIX op numbers nobody uses, for an added operation. */
    private static final int CUSTOM_OP = 9001;
    /** A credential type other than name/password (a ticket), for the whole-credential hook. */
    private static final int TICKET = 7;

    @TempDir
    Path work;

    @Test
    void nameAndPasswordAuthenticatorReplacesTheConfiguredMode() throws Exception {
        // auth.mode is deny-all; the embedder's authenticator decides instead
        try (EmbeddedAgent a = new EmbeddedAgent(b -> {})) {
            Reply ok = a.ops().ps(List.of());
            assertThat(ok.error()).as("%s", ok).isZero();
            Reply refused = a.ops(a.user, "wrong").ps(List.of());
            assertThat(refused.error()).isEqualTo(VixError.INVALID_LOGIN_CREDENTIALS);
        }
    }

    @Test
    void credentialAuthenticatorSeesTypeRawBytesAndHeaderAndNamesTheAccount() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        String account = io.github.guesttools.identity.Account.current().name();
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.credentialAuthenticator((header, credential) -> {
                    byte[] raw = new byte[credential.remaining()];
                    credential.get(raw);
                    String ticket = new String(raw, StandardCharsets.US_ASCII);
                    seen.set(header.userCredentialType() + " " + header.opCode() + " " + ticket);
                    if (header.userCredentialType() != TICKET || !ticket.equals("ticket-ok")) {
                        throw new AuthenticationException("bad ticket");
                    }
                    return account;
                })
                .vixOperation(
                        CUSTOM_OP,
                        call -> VixReply.ok("acting as " + call.user().name())))) {
            GuestOpsClient ops = a.ops();
            Reply ok = ops.send(VixRequestEncoder.relayed(CUSTOM_OP, new byte[0], ticket("ticket-ok"), TICKET, 0));
            assertThat(ok.text()).as("%s", ok).isEqualTo("acting as " + account);
            assertThat(seen.get()).isEqualTo(TICKET + " " + CUSTOM_OP + " ticket-ok");
            Reply bad = ops.send(VixRequestEncoder.relayed(CUSTOM_OP, new byte[0], ticket("ticket-no"), TICKET, 0));
            assertThat(bad.error()).isEqualTo(VixError.INVALID_LOGIN_CREDENTIALS);
            // the name/password authenticator is replaced too: a right password no longer logs in
            assertThat(ops.ps(List.of()).error()).isEqualTo(VixError.INVALID_LOGIN_CREDENTIALS);
        }
    }

    @Test
    void functionRunsAsAProgramWithStdinAndStdoutOverHgfsAndIsListed() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.function("upper", ctx -> {
            String in = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8);
            ctx.stdout().write((in + ctx.arguments()).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return 3;
        }))) {
            GuestOpsClient ops = a.ops();
            Reply start = ops.start("upper", " and args");
            assertThat(start.error()).as("%s", start).isZero();
            long pid = Long.parseLong(start.text());
            ops.hgfs().upload("/proc/" + pid + "/stdin", "from the host".getBytes(StandardCharsets.UTF_8), true);
            byte[] out = ops.hgfs().downloadWhenReady("/proc/" + pid + "/stdout", 600, Duration.ofMillis(100));
            assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("FROM THE HOST AND ARGS");
            Awaitility.await("exit code listed")
                    .atMost(EmbeddedAgent.WAIT)
                    .until(() -> ops.ps(List.of(pid)).text(), t -> t.contains("<eCode>3</eCode>"));
            assertThat(ops.ps(List.of(pid)).text()).contains("<pid>" + pid + "</pid>", "upper");
        }
    }

    @Test
    void functionIsKilledByTerminateProcess() throws Exception {
        CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.function("wait", ctx -> {
            try {
                Thread.sleep(EmbeddedAgent.WAIT.toMillis() * 10);
            } catch (InterruptedException e) {
                cancelled.complete(ctx.isCancelled());
                return 143;
            }
            return 0;
        }))) {
            GuestOpsClient ops = a.ops();
            long pid = Long.parseLong(ops.start("wait", "").text());
            assertThat(ops.ps(List.of(pid)).text()).contains("<pid>" + pid + "</pid>");
            Reply kill = ops.kill(pid);
            assertThat(kill.error()).as("%s", kill).isZero();
            assertThat(cancelled.get(EmbeddedAgent.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            Awaitility.await("exit code listed")
                    .atMost(EmbeddedAgent.WAIT)
                    .until(() -> ops.ps(List.of(pid)).text(), t -> t.contains("<eCode>143</eCode>"));
        }
    }

    @Test
    void fileHandlerSchemeServesDownloadsWithTheRequestingUser() throws Exception {
        AtomicReference<String> caller = new AtomicReference<>();
        FileHandler greeting = new FileHandler() {
            @Override
            public FileAttributes stat(TransferPath path) throws HgfsException {
                if (!path.path().equals("/greeting")) {
                    throw HgfsException.notFound(path.name());
                }
                return FileAttributes.virtual(FileAttributes.UNKNOWN_SIZE, 0400, 4, Instant.EPOCH);
            }

            @Override
            public OpenFile open(TransferPath path, OpenOptions options) throws HgfsException {
                stat(path);
                return StreamFile.reading(new ByteArrayInputStream(
                        ("hello " + caller.get() + " " + path.query()).getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public OpenFile open(Caller who, TransferPath path, OpenOptions options) throws HgfsException {
                caller.set(who.user());
                return open(path, options);
            }
        };
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.fileHandler("motd", greeting))) {
            byte[] got = a.ops().hgfs().download("/motd:/greeting?lang=en");
            assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("hello " + a.user + " lang=en");
            // a path the handler does not know is the local file, as for proc and archive
            Reply missing = a.ops().transferFrom("/motd:/nothing-here");
            assertThat(missing.error()).isEqualTo(VixError.FILE_NOT_FOUND);
        }
    }

    @Test
    void primaryIpIsTheEmbeddersChoice() throws Exception {
        InetAddress chosen = InetAddress.getByName("192.0.2.15");
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.primaryIp(() -> Optional.of(chosen)))) {
            assertThat(a.tclo("Set_Option broadcastIP 1")).isEqualTo("OK ");
            assertThat(a.vmx.rpci().guestInfo("guestinfo.ip")).contains("192.0.2.15");
        }
    }

    @Test
    void nicFilterDecidesWhichInterfacesCount() throws Exception {
        // every interface excluded: nothing to broadcast, whatever NICs this machine has
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.nicFilter(new InterfaceFilter(List.of("*"))))) {
            assertThat(a.tclo("Set_Option broadcastIP 1")).isEqualTo("ERROR No IP address to broadcast");
            assertThat(a.vmx.rpci().guestInfo("guestinfo.ip")).isEmpty();
        }
    }

    @Test
    void tcloHandlersAreAddedOrReplaced() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.tcloHandler(
                        "embedder.echo",
                        args -> ("echo " + new String(args, StandardCharsets.US_ASCII))
                                .getBytes(StandardCharsets.US_ASCII))
                .tcloHandler("ping", args -> "pong".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(a.tclo("embedder.echo abc")).isEqualTo("OK echo abc");
            assertThat(a.tclo("ping")).isEqualTo("OK pong");
            assertThat(a.tclo("Capabilities_Register")).isEqualTo("OK ");
        }
    }

    @Test
    void vixOperationsAreAddedOrReplacedBehindAuthentication() throws Exception {
        try (EmbeddedAgent a = new EmbeddedAgent(b -> b.vixOperation(
                        VixOp.LIST_PROCESSES_EX, call -> VixReply.ok("<proc><name>replaced</name></proc>"))
                .vixOperation(
                        CUSTOM_OP,
                        call -> VixReply.ok("custom for " + call.user().name())))) {
            assertThat(a.ops().ps(List.of()).text()).isEqualTo("<proc><name>replaced</name></proc>");
            Reply custom = a.ops().call(CUSTOM_OP, new byte[0]);
            assertThat(custom.text()).as("%s", custom).isEqualTo("custom for " + a.user);
            assertThat(a.ops(a.user, "wrong").call(CUSTOM_OP, new byte[0]).error())
                    .isEqualTo(VixError.INVALID_LOGIN_CREDENTIALS);
        }
    }

    @Test
    void powerOperationHooksReplaceTheShutdownCommand() throws Exception {
        AtomicBoolean halted = new AtomicBoolean();
        Map<String, String> settings =
                Map.of("powerops.enabled", "true", "powerops.scripts", work.toString()); // no scripts there
        try (EmbeddedAgent a = new EmbeddedAgent(
                settings,
                b -> b.powerOps(p -> p.shutdown(PowerOperation.HALT, () -> {
                    halted.set(true);
                    return CompletableFuture.completedFuture(true);
                })))) {
            assertThat(a.tclo("OS_Halt")).isEqualTo("OK ");
            Awaitility.await("the halt reported")
                    .atMost(EmbeddedAgent.WAIT)
                    .until(() -> a.vmx.rpciCommands().stream()
                            .anyMatch(c -> c.commandText().startsWith("tools.os.statechange.status 1 1")));
            assertThat(halted).isTrue();
        }
    }

    private static byte[] ticket(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
