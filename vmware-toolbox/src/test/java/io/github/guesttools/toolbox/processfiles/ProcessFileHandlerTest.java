package io.github.guesttools.toolbox.processfiles;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.process.Await;
import io.github.guesttools.process.ManagerFixture;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.process.StartRequest;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Process I/O through HGFS request packets sent to the server's public entry point. */
class ProcessFileHandlerTest extends ManagerFixture {
    private static final int CHUNK = 0xF000;
    /** Some other account than the one running the tests. */
    private static final String OTHER = ME.equals("root") ? "nobody" : "root";

    private ProcessManager processes;
    private HgfsServer server;
    private VmxClient vmx;

    @BeforeEach
    void setUp() {
        processes = manager;
        server = HgfsServer.builder()
                .handler(ProcessFileHandler.SCHEME, new ProcessFileHandler(processes))
                .build();
        vmx = new VmxClient(server, Caller.of(account(ME)));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private long start(String program, String arguments) throws Exception {
        return processes.start(StartRequest.of(account(ME), program, arguments).withCaptureIo(true));
    }

    /** An upload as the VMX does it: OpenV3 write-only, WriteV3 appends, SetattrV2, Close. */
    private void upload(String path, byte[] data) {
        vmx.createSession();
        long handle = vmx.openV3(path, 1).expect(HgfsMessage.OpenV3Reply.class).handle();
        for (int offset = 0; offset < data.length; offset += 60_000) {
            int length = Math.min(60_000, data.length - offset);
            HgfsMessage.WriteV3Reply reply =
                    vmx.write(handle, data, offset, length).expect(HgfsMessage.WriteV3Reply.class);
            assertThat(reply.actualSize()).isEqualTo(length);
        }
        vmx.setattr(path, AttrV2.EMPTY).expect(HgfsMessage.LegacyReply.class);
        vmx.close(handle).expect(HgfsMessage.LegacyReply.class);
        vmx.destroySession();
    }

    /** Getattr until the process has ended (the client's retry loop), then the reported size. */
    private long sizeAfterRetries(String path) {
        long deadline = System.nanoTime() + Await.LONG.toNanos();
        while (true) {
            VmxClient.Reply reply = vmx.getattr(path);
            if (reply.status() != HgfsStatus.SHARING_VIOLATION || System.nanoTime() > deadline) {
                return reply.expect(HgfsMessage.GetattrV2Reply.class).attr().size();
            }
        }
    }

    /** A download as the VMX does it: Getattr, Open read-only, ReadV3 until short, Close. */
    private byte[] download(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        vmx.createSession();
        long size = sizeAfterRetries(path);
        long handle = vmx.openRead(path).expect(HgfsMessage.OpenReply.class).handle();
        byte[] chunk;
        do {
            chunk = vmx.read(handle, out.size(), CHUNK);
            out.writeBytes(chunk);
        } while (chunk.length == CHUNK);
        vmx.close(handle).expect(HgfsMessage.LegacyReply.class);
        vmx.destroySession();
        assertThat(out.size()).isEqualTo(size);
        return out.toByteArray();
    }

    @Test
    void stdinUploadAndStdoutDownloadRoundTripThroughCat() throws Exception {
        long pid = start("/bin/cat", "");
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        upload("/proc/" + pid + "/stdin", data);
        assertThat(download("/proc/" + pid + "/stdout")).isEqualTo(data);
        assertThat(download("/proc/" + pid + "/stderr")).isEmpty();
        // stdin is closed now: the name no longer exists, but a late SetattrV2 still succeeds
        vmx.createSession();
        assertThat(vmx.getattr("/proc/" + pid + "/stdin").status()).isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
        vmx.setattr("/proc/" + pid + "/stdin", AttrV2.EMPTY).expect(HgfsMessage.LegacyReply.class);
        vmx.destroySession();
    }

    @Test
    void stderrIsServedSeparately() throws Exception {
        long pid = start("/bin/sh", "-c 'echo to-err >&2'");
        assertThat(new String(download("/proc/" + pid + "/stderr"), StandardCharsets.UTF_8))
                .isEqualTo("to-err\n");
        // OpenV3 read-only reaches the same file
        vmx.createSession();
        long handle = vmx.openV3("/proc/" + pid + "/stderr", 0)
                .expect(HgfsMessage.OpenV3Reply.class)
                .handle();
        assertThat(vmx.read(handle, 3, 100)).isEqualTo("err\n".getBytes(StandardCharsets.UTF_8));
        assertThat(vmx.read(handle, 7, 100)).isEmpty();
        vmx.close(handle).expect(HgfsMessage.LegacyReply.class);
        vmx.destroySession();
    }

    @Test
    void runningProcessOutputIsRetryLater() throws Exception {
        long pid = start("/bin/sleep", "300");
        String stdout = "/proc/" + pid + "/stdout";
        vmx.createSession();
        assertThat(vmx.getattr(stdout).status()).isEqualTo(HgfsStatus.SHARING_VIOLATION);
        assertThat(vmx.openRead(stdout).status()).isEqualTo(HgfsStatus.SHARING_VIOLATION);
        vmx.destroySession();
        assertThatThrownBy(() -> server.stat(Caller.of(account(ME)), stdout))
                .isInstanceOfSatisfying(
                        HgfsException.class, e -> assertThat(e.isRetryLater()).isTrue());
        processes.kill(pid, account(ME));
        Await.ended(processes, pid);
        assertThat(server.stat(Caller.of(account(ME)), stdout).size()).isZero();
        assertThat(download(stdout)).isEmpty();
    }

    @Test
    void fiftyMebibytesOfOutputSpillToAPrivateFileAndAreDeletedOnExpiry() throws Exception {
        long total = 50L * 1024 * 1024;
        long pid = start("/bin/sh", "-c 'yes 0123456789abcdef | head -c " + total + "'");
        String stdout = "/proc/" + pid + "/stdout";
        vmx.createSession();
        assertThat(sizeAfterRetries(stdout)).isEqualTo(total);

        List<Path> spilled = spillFiles();
        assertThat(spilled).singleElement().satisfies(file -> {
            assertThat(Files.size(file)).isEqualTo(total);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        });

        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        byte[] line = "0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < total; written += line.length) {
            expected.update(line, 0, (int) Math.min(line.length, total - written));
        }
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        long handle = vmx.openRead(stdout).expect(HgfsMessage.OpenReply.class).handle();
        long offset = 0;
        byte[] chunk;
        do {
            chunk = vmx.read(handle, offset, CHUNK);
            actual.update(chunk);
            offset += chunk.length;
        } while (chunk.length == CHUNK);
        // the handle reads at any offset, not only sequentially
        assertThat(new String(vmx.read(handle, 17 * 1000 + 3, 5), StandardCharsets.US_ASCII))
                .isEqualTo("3456" + "7");
        vmx.close(handle).expect(HgfsMessage.LegacyReply.class);
        vmx.destroySession();
        assertThat(offset).isEqualTo(total);
        assertThat(actual.digest()).isEqualTo(expected.digest());

        clock.advance(Duration.ofMinutes(5));
        processes.expire();
        assertThat(spillFiles()).isEmpty();
        vmx.createSession();
        assertThat(vmx.getattr(stdout).status()).isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
        vmx.destroySession();
    }

    @Test
    void wrongDirectionIsAccessDenied() throws Exception {
        long pid = start("/bin/true", "");
        Await.ended(processes, pid);
        long running = start("/bin/sleep", "300");
        vmx.createSession();
        assertThat(vmx.openV3("/proc/" + pid + "/stdout", 1).status()).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(vmx.openRead("/proc/" + running + "/stdin").status()).isEqualTo(HgfsStatus.ACCESS_DENIED);
        vmx.destroySession();
        processes.kill(running, account(ME));
    }

    @Test
    void anotherUsersProcessIsAccessDenied() throws Exception {
        long pid = start("/bin/true", "");
        Await.ended(processes, pid);
        String stdout = "/proc/" + pid + "/stdout";
        vmx = new VmxClient(server, Caller.of(account(OTHER)));
        vmx.createSession();
        assertThat(vmx.getattr(stdout).status()).isEqualTo(HgfsStatus.ACCESS_DENIED);
        assertThat(vmx.openRead(stdout).status()).isEqualTo(HgfsStatus.ACCESS_DENIED);
        vmx.destroySession();
        assertThatThrownBy(() -> server.stat(Caller.of(account(OTHER)), stdout))
                .isInstanceOfSatisfying(
                        HgfsException.class, e -> assertThat(e.status()).isEqualTo(HgfsStatus.ACCESS_DENIED));
    }

    @Test
    void anotherUserCannotReadThroughTheOwnersSessionAndHandle() throws Exception {
        long pid = processes.start(
                StartRequest.of(account(ME), "/bin/echo", "secret of " + ME).withCaptureIo(true));
        Await.ended(processes, pid);
        vmx.createSession();
        long handle = vmx.openRead("/proc/" + pid + "/stdout")
                .expect(HgfsMessage.OpenReply.class)
                .handle();

        VmxClient thief = vmx.as(Caller.of(account(OTHER)));
        assertThat(thief.send(HgfsOp.READ_V3, new HgfsMessage.ReadV3Request(handle, 0, CHUNK, 0))
                        .status())
                .isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(thief.close(handle).status()).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(thief.send(HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0))
                        .status())
                .isEqualTo(HgfsStatus.STALE_SESSION);
        // the agent's own principal is not the user either, even with the same name
        VmxClient agent = vmx.as(Caller.agent(account(ME)));
        assertThat(agent.getattr("/proc/" + pid + "/stdout").status()).isEqualTo(HgfsStatus.STALE_SESSION);

        // the owner's session and handle are untouched
        assertThat(new String(vmx.read(handle, 0, CHUNK), StandardCharsets.UTF_8))
                .isEqualTo("secret of " + ME + "\n");
        vmx.close(handle).expect(HgfsMessage.LegacyReply.class);
        vmx.destroySession();
    }

    @Test
    void realProcFilesPassThroughWithTheSizeTrick() throws Exception {
        vmx.createSession();
        long size = vmx.getattr("/proc/uptime")
                .expect(HgfsMessage.GetattrV2Reply.class)
                .attr()
                .size();
        assertThat(size).isEqualTo(0xF800);
        long handle =
                vmx.openRead("/proc/uptime").expect(HgfsMessage.OpenReply.class).handle();
        String uptime = new String(vmx.read(handle, 0, CHUNK), StandardCharsets.US_ASCII);
        assertThat(uptime).matches("\\d+\\.\\d+ \\d+\\.\\d+\n");
        vmx.close(handle);
        // a real per-process file of a process this manager never started
        long self = ProcessHandle.current().pid();
        assertThat(vmx.getattr("/proc/" + self + "/status")
                        .expect(HgfsMessage.GetattrV2Reply.class)
                        .attr()
                        .size())
                .isEqualTo(0xF800);
        // I/O names of an untracked pid do not exist
        assertThat(vmx.getattr("/proc/" + self + "/stdout").status()).isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
        vmx.destroySession();
    }

    @Test
    void processWithoutCaptureHasNoIoFiles() throws Exception {
        long pid = processes.start(StartRequest.of(account(ME), "/bin/sleep", "300"));
        vmx.createSession();
        assertThat(vmx.getattr("/proc/" + pid + "/stdout").status()).isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
        assertThat(vmx.getattr("/proc/" + pid + "/stdin").status()).isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
        vmx.destroySession();
        processes.kill(pid, account(ME));
    }

    @Test
    void httpRoundTripThroughTheRelayLikeTheGovmomiClient() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = ("path " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try (ProcessManager relaying = ProcessManager.builder()
                        .spillDirectoryParent(temp)
                        .enableTcpRelay()
                        .build();
                HgfsServer relayServer = HgfsServer.builder()
                        .handler(ProcessFileHandler.SCHEME, new ProcessFileHandler(relaying))
                        .build()) {
            vmx = new VmxClient(relayServer, Caller.of(account(ME)));
            long pid = relaying.start(StartRequest.of(
                    account(ME),
                    "http.RoundTrip",
                    "127.0.0.1:" + http.getAddress().getPort()));
            upload(
                    "/proc/" + pid + "/stdin",
                    "GET /x?y=1 HTTP/1.1\r\nHost: guest\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(download("/proc/" + pid + "/stdout"), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\npath /x?y=1");
        } finally {
            http.stop(0);
        }
    }

    private List<Path> spillFiles() throws Exception {
        try (Stream<Path> dirs = Files.list(temp)) {
            List<Path> result = new java.util.ArrayList<>();
            for (Path dir : dirs.toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    result.addAll(files.toList());
                }
            }
            return result;
        }
    }
}
