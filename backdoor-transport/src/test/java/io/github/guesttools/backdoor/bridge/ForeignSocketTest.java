package io.github.guesttools.backdoor.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.location.Backdoors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, attack 10: a local user who pre-creates the bridge socket would act as the host to
 * the root agent. The client refuses a socket file owned by another user, and a root-owned socket
 * file served by another user's process. Root only: needs a real throw-away account.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only
class ForeignSocketTest {
    @TempDir
    Path dir;

    String user;

    @BeforeEach
    void account() throws Exception {
        boolean root = SocketOwner.effectiveUid() == 0;
        if (!root) {
            System.out.println("ForeignSocketTest skipped: needs root to create a throw-away user");
        }
        assumeTrue(root, "needs root to create a throw-away user");
        user = "brgt" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        run("useradd", "-M", "-s", "/bin/false", user);
    }

    @AfterEach
    void removeAccount() throws Exception {
        if (user != null) {
            run("userdel", "-f", user);
        }
    }

    @Test
    void aSocketFileOwnedByAnotherUserIsRefusedAndRootsIsNot() throws Exception {
        Path socket = dir.resolve("vmx-" + user + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            run("chown", user, socket.toString());
            assertThatThrownBy(() -> Backdoors.open("unix:" + socket))
                    .isInstanceOf(BackdoorException.class)
                    .hasMessageContaining("owned by uid");
            run("chown", "root", socket.toString());
            BridgeBackdoor.connect(socket).close();
        }
    }

    @Test
    void aRootOwnedSocketServedByAnotherUserIsRefused() throws Exception {
        Path userDir = Files.createDirectory(dir.resolve("u"));
        run("chown", user, userDir.toString());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = userDir.resolve("vmx.sock");
        Process listener = new ProcessBuilder(
                        "setpriv",
                        "--reuid=" + user,
                        "--regid=" + user,
                        "--clear-groups",
                        "/usr/bin/python3",
                        "-c",
                        "import socket,sys,time\n"
                                + "s=socket.socket(socket.AF_UNIX)\ns.bind(sys.argv[1])\ns.listen(5)\n"
                                + "print('listening',flush=True)\ntime.sleep(300)\n",
                        socket.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("listening");
            run("chown", "root", socket.toString());
            assertThatThrownBy(() -> BridgeBackdoor.connect(socket))
                    .isInstanceOf(BackdoorException.class)
                    .hasMessageContaining("served by user " + user);
        } finally {
            listener.destroyForcibly();
            listener.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(List.of(command) + " failed: " + out);
        }
    }
}
