package io.github.guesttools.process;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.identity.Account;
import io.github.guesttools.process.internal.posix.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs run as a real unprivileged user through setpriv. Needs root (as in CI): the test
 * creates a throw-away account with a supplementary group (random names, so concurrent runs on one
 * machine never share them) and deletes both afterwards.
 */
class PrivilegeDropTest {
    private static final String SUFFIX =
            Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 30), 36);
    private static final String USER = "gtpd" + SUFFIX;
    private static final String GROUP = "gtpg" + SUFFIX;

    @TempDir
    Path temp;

    private ProcessManager manager;
    private static Account account;

    @BeforeAll
    static void createUser() throws Exception {
        assumeTrue(
                Posix.effectiveUid() == 0,
                "skipped: dropping privileges needs the tests to run as root (they run as uid " + Posix.effectiveUid()
                        + ")");
        run("groupadd", "-f", GROUP);
        run("useradd", "-m", "-s", "/bin/bash", "-G", GROUP, USER);
        account = Account.lookup(USER).orElseThrow();
    }

    @AfterAll
    static void deleteUser() throws Exception {
        if (account != null) {
            run("userdel", "-r", "-f", USER);
            run("groupdel", GROUP);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }

    @BeforeEach
    void setUp() throws Exception {
        manager = ProcessManager.builder().spillDirectoryParent(temp).build();
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (manager != null) {
            manager.close();
        }
    }

    private long startAsUser(String program, String arguments) throws ProcessException {
        return manager.start(StartRequest.of(account(USER), program, arguments).withCaptureIo(true));
    }

    @Test
    void runsWithTheUsersIdsGroupsHomeAndLoginEnvironment() throws Exception {
        long pid = startAsUser("/bin/sh", "-c 'id -u; id -g; id -G; pwd; echo \"$HOME $USER $LOGNAME $SHELL $PATH\"'");
        List<String> lines =
                Await.output(manager, pid, StdStream.STDOUT, USER).lines().toList();
        assertThat(lines.get(0)).isEqualTo(Integer.toString(account.uid()));
        assertThat(lines.get(1)).isEqualTo(Integer.toString(account.gid()));
        assertThat(List.of(lines.get(2).split(" ")))
                .containsExactlyInAnyOrderElementsOf(
                        account.groups().stream().map(String::valueOf).toList());
        assertThat(account.groups()).hasSizeGreaterThan(1); // the supplementary group is there
        assertThat(lines.get(3)).isEqualTo(account.home());
        assertThat(lines.get(4))
                .isEqualTo(account.home() + " " + USER + " " + USER + " /bin/bash /usr/local/bin:/usr/bin:/bin");
        assertThat(Await.row(manager, pid).owner()).isEqualTo(USER);
        assertThat(manager.readEnvironment(List.of("HOME"), account(USER))).containsEntry("HOME", account.home());
    }

    @Test
    void directoryTheUserCannotEnterIsNotADirectoryForThem() throws Exception {
        // Checked as the user (as vmtoolsd does after impersonating): root's view decides nothing.
        Path closed = Files.createDirectory(temp.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> manager.start(StartRequest.of(account(USER), "/bin/pwd", "")
                        .withWorkingDirectory(closed.toString())
                        .withCaptureIo(true)))
                .isInstanceOf(NotADirectoryException.class);
    }

    @Test
    void programOnlyRootMayExecuteIsRefused() throws Exception {
        Path script = temp.resolve("root-only.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> startAsUser(script.toString(), "")).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void userCannotKillOrReadRootsProcessButCanKillOwn() throws Exception {
        long rootPid = manager.start(
                StartRequest.of(account("root"), "/bin/sleep", "300").withCaptureIo(true));
        long userPid = startAsUser("/bin/sleep", "300");
        // setpriv, env and bash all exec: the pid becomes sleep itself, running as the user
        assertThat(Await.execed(userPid, "sleep").realUid()).isEqualTo(account.uid());
        try {
            assertThatThrownBy(() -> manager.kill(rootPid, account(USER)))
                    .isInstanceOf(PermissionDeniedException.class)
                    .extracting(e -> ((ProcessException) e).vixError())
                    .isEqualTo(3015);
            assertThatThrownBy(() -> manager.openOutput(rootPid, StdStream.STDOUT, account(USER)))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(Await.row(manager, rootPid).running()).isTrue();
            manager.kill(userPid, account(USER));
            assertThat(Await.ended(manager, userPid).exitCode()).isEqualTo(-1);
        } finally {
            manager.kill(rootPid, account("root"));
        }
        assertThat(Await.ended(manager, rootPid).exitCode()).isEqualTo(-1);
    }

    @Test
    void userCannotKillAnOsProcessOfRootButRootCanKillTheUsers() throws Exception {
        Process rootSleep = new ProcessBuilder("sleep", "300").start();
        try {
            assertThatThrownBy(() -> manager.kill(rootSleep.pid(), account(USER)))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(rootSleep.isAlive()).isTrue();
        } finally {
            rootSleep.destroyForcibly();
        }
        long userPid = startAsUser("/bin/sleep", "300");
        manager.kill(userPid, account("root"));
        assertThat(Await.ended(manager, userPid).exitCode()).isEqualTo(-1);
    }

    @Test
    void stdinAndStdoutWorkThroughTheSwitch() throws Exception {
        long pid = startAsUser("/bin/cat", "");
        byte[] data = "as another user\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (StdinSink stdin = manager.openStdin(pid, account(USER))) {
            stdin.write(data, 0, data.length);
        }
        assertThat(Await.output(manager, pid, StdStream.STDOUT, USER)).isEqualTo("as another user\n");
        assertThat(Await.output(manager, pid, StdStream.STDOUT, "root")).isEqualTo("as another user\n");
    }
}
