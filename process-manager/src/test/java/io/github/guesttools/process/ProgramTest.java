package io.github.guesttools.process;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real OS programs started, listed and killed as the user running the tests. */
class ProgramTest extends ManagerFixture {

    private long start(String program, String arguments) throws ProcessException {
        return manager.start(StartRequest.of(account(ME), program, arguments).withCaptureIo(true));
    }

    @Test
    void shellSyntaxInArgumentsWorksAndOutputIsCaptured() throws Exception {
        long pid = start("/bin/sh", "-c 'echo out; echo err >&2; exit 0'");
        assertThat(Await.ended(manager, pid).exitCode()).isZero();
        assertThat(Await.output(manager, pid, StdStream.STDOUT, ME)).isEqualTo("out\n");
        assertThat(Await.output(manager, pid, StdStream.STDERR, ME)).isEqualTo("err\n");
    }

    @Test
    void programThatExitsThreeReportsThree() throws Exception {
        long pid = start("/bin/sh", "-c 'exit 3'");
        ProcessInfo row = Await.ended(manager, pid);
        assertThat(row.exitCode()).isEqualTo(3);
        assertThat(row.endTime()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(row.startTime()).isEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    void pidIsTheProgramsOwnBecauseBashExecs() throws Exception {
        long pid = start("/bin/sleep", "100");
        Await.execed(pid, "sleep");
        ProcessInfo row = Await.row(manager, pid);
        assertThat(row.command()).isEqualTo("sleep");
        assertThat(row.commandLine()).isEqualTo("\"/bin/sleep\" 100");
        assertThat(row.owner()).isEqualTo(ME);
        assertThat(row.running()).isTrue();
        manager.kill(pid, account(ME));
        assertThat(Await.ended(manager, pid).exitCode()).isEqualTo(-1);
    }

    @Test
    void programKilledBySignalReportsMinusOne() throws Exception {
        long pid = start("/bin/sh", "-c 'kill -TERM $$'");
        assertThat(Await.ended(manager, pid).exitCode()).isEqualTo(-1);
    }

    @Test
    void catEchoesStdinUntilItIsClosed() throws Exception {
        long pid = start("/bin/cat", "");
        byte[] data = "hello through a pipe\n".getBytes(StandardCharsets.UTF_8);
        try (StdinSink stdin = manager.openStdin(pid, account(ME))) {
            stdin.write(data, 0, data.length);
            assertThatThrownBy(() -> manager.openOutput(pid, StdStream.STDOUT, account(ME)))
                    .isInstanceOf(RetryLaterException.class)
                    .extracting(e -> ((ProcessException) e).vixError())
                    .isEqualTo(13);
        }
        assertThat(Await.output(manager, pid, StdStream.STDOUT, ME)).isEqualTo("hello through a pipe\n");
        assertThat(Await.ended(manager, pid).exitCode()).isZero();
        assertThatThrownBy(() -> manager.openStdin(pid, account(ME))).isInstanceOf(NoSuchProcessException.class);
    }

    @Test
    void explicitEnvironmentIsTheWholeEnvironment() throws Exception {
        long pid = manager.start(StartRequest.of(account(ME), "/usr/bin/env", "")
                .withEnvironment(List.of("ALPHA=1", "BETA=two words"))
                .withCaptureIo(true));
        // bash itself adds PWD, SHLVL and _ (as it does under vmtoolsd); nothing else may appear.
        assertThat(Await.output(manager, pid, StdStream.STDOUT, ME)
                        .lines()
                        .filter(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=") && !l.startsWith("_="))
                        .sorted())
                .containsExactly("ALPHA=1", "BETA=two words");
    }

    @Test
    void defaultEnvironmentIsTheLoginEnvironmentAndDirectoryIsHome() throws Exception {
        long pid = start("/bin/sh", "-c 'env; pwd'");
        String out = Await.output(manager, pid, StdStream.STDOUT, ME);
        Map<String, String> login = manager.readEnvironment(List.of(), account(ME));
        for (Map.Entry<String, String> e : login.entrySet()) {
            assertThat(out).contains(e.getKey() + "=" + e.getValue() + "\n");
        }
        assertThat(out).doesNotContain("JAVA_HOME=").doesNotContain("MAVEN");
        assertThat(out).endsWith(login.get("HOME") + "\n");
    }

    @Test
    void workingDirectoryIsApplied() throws Exception {
        long pid = manager.start(StartRequest.of(account(ME), "/bin/pwd", "")
                .withWorkingDirectory(temp.toString())
                .withCaptureIo(true));
        assertThat(Await.output(manager, pid, StdStream.STDOUT, ME)).isEqualTo(temp.toRealPath() + "\n");
    }

    @Test
    void missingProgramIsFileNotFound() {
        assertThatThrownBy(() -> start("/no/such/program", ""))
                .isInstanceOf(ProgramNotFoundException.class)
                .extracting(e -> ((ProcessException) e).vixError())
                .isEqualTo(4);
        assertThatThrownBy(() -> start("sleep", "1")).isInstanceOf(ProgramNotFoundException.class);
        assertThat(manager.list(List.of())).isEmpty();
    }

    @Test
    void nonExecutableProgramIsGuestUserPermissions() throws Exception {
        Path script = temp.resolve("script.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> start(script.toString(), ""))
                .isInstanceOf(PermissionDeniedException.class)
                .extracting(e -> ((ProcessException) e).vixError())
                .isEqualTo(3015);
        assertThatThrownBy(() -> start(temp.toString(), "")).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void pathWithSpacesAndQuotesIsPassedLiterally() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("a dir \"$HOME\""));
        Path script = dir.resolve("say `x`.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        long pid = start(script.toString(), "a  b");
        assertThat(Await.output(manager, pid, StdStream.STDOUT, ME)).isEqualTo("a b\n");
    }

    @Test
    void badWorkingDirectoryIsNotADirectory() throws Exception {
        Path file = Files.writeString(temp.resolve("plain"), "x");
        for (String dir : List.of(file.toString(), temp.resolve("missing").toString())) {
            assertThatThrownBy(() -> manager.start(
                            StartRequest.of(account(ME), "/bin/true", "").withWorkingDirectory(dir)))
                    .isInstanceOf(NotADirectoryException.class)
                    .extracting(e -> ((ProcessException) e).vixError())
                    .isEqualTo(20002);
        }
    }

    @Test
    void malformedEnvironmentEntryIsInvalidArgument() {
        assertThatThrownBy(() -> manager.start(
                        StartRequest.of(account(ME), "/bin/true", "").withEnvironment(List.of("NOEQUALS"))))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void nulCharactersAreInvalidArguments() {
        for (StartRequest bad : List.of(
                StartRequest.of(account(ME), "/bin/true\0x", ""),
                StartRequest.of(account(ME), "/bin/echo", "a\0b"),
                StartRequest.of(account(ME), "/bin/true", "").withWorkingDirectory("/tmp\0"))) {
            assertThatThrownBy(() -> manager.start(bad))
                    .isInstanceOf(InvalidArgumentException.class)
                    .extracting(e -> ((ProcessException) e).vixError())
                    .isEqualTo(3);
        }
    }

    @Test
    void killTakesTheWholeTree() throws Exception {
        Path pids = temp.resolve("pids");
        // A shell with a child shell that has a grandchild: three generations.
        long pid = start(
                "/bin/sh",
                "-c 'sh -c \"sleep 300 & echo \\$! >> " + pids + "; sleep 301\" & echo $! >> " + pids + "; wait'");
        Await.until("two descendants recorded", () -> {
            try {
                return Files.exists(pids) && Files.readAllLines(pids).size() == 2;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        List<Long> descendants = Files.readAllLines(pids).stream()
                .map(String::trim)
                .map(Long::parseLong)
                .toList();
        for (long d : descendants) {
            assertThat(ProcessHandle.of(d)).isPresent();
        }
        manager.kill(pid, account(ME));
        assertThat(Await.ended(manager, pid).exitCode()).isEqualTo(-1);
        for (long d : descendants) {
            Await.until(
                    "descendant " + d + " to die",
                    () -> ProcessHandle.of(d).map(h -> !h.isAlive()).orElse(true) || isZombie(d));
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void killOfUnknownPidIsNoSuchProcess() throws Exception {
        long unused = findUnusedPid();
        assertThatThrownBy(() -> manager.kill(unused, account(ME)))
                .isInstanceOf(NoSuchProcessException.class)
                .extracting(e -> ((ProcessException) e).vixError())
                .isEqualTo(20003);
        assertThatThrownBy(() -> manager.kill(PseudoPids.PID_MAX_LIMIT, account(ME)))
                .isInstanceOf(NoSuchProcessException.class);
    }

    @Test
    void hostilePidsNeverReachKill() {
        // kill(-1) would signal every process, kill(0) the agent's process group
        for (long pid : new long[] {-1, 0, -12345, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32}) {
            assertThatThrownBy(() -> manager.kill(pid, account(ME)))
                    .as("pid %d", pid)
                    .isInstanceOf(NoSuchProcessException.class);
        }
        assertThat(manager.list(List.of(-1L, 0L, Long.MAX_VALUE, 1L << 32))).isEmpty();
    }

    @Test
    void killOfEndedProcessIsNoSuchProcess() throws Exception {
        long pid = start("/bin/true", "");
        Await.ended(manager, pid);
        assertThatThrownBy(() -> manager.kill(pid, account(ME))).isInstanceOf(NoSuchProcessException.class);
    }

    @Test
    void killOfTheAgentItselfIsRefused() {
        assertThatThrownBy(() -> manager.kill(ProcessHandle.current().pid(), account(ME)))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void killOfAnOsProcessNotStartedHere() throws Exception {
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            List<ProcessInfo> rows = manager.list(List.of(other.pid()));
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.command()).isEqualTo("sleep");
                assertThat(row.commandLine()).isEqualTo("sleep 300");
                assertThat(row.owner()).isEqualTo(ME);
                assertThat(row.startTime()).isPositive();
            });
            manager.kill(other.pid(), account(ME));
            assertThat(other.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).isEqualTo(128 + 9);
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void nonRootAgentCannotActAsAnotherUser() throws Exception {
        try (ProcessManager pretending = ProcessManager.builder()
                .agentUid(4321)
                .spillDirectoryParent(temp)
                .build()) {
            assertThatThrownBy(() -> pretending.start(StartRequest.of(account("root"), "/bin/true", "")))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("does not run as root");
            assertThatThrownBy(() -> pretending.readEnvironment(List.of(), account("root")))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    void readEnvironmentSelectsNamesInOrder() throws Exception {
        Map<String, String> env = manager.readEnvironment(List.of("USER", "NOPE", "HOME"), account(ME));
        assertThat(env.keySet()).containsExactly("USER", "HOME");
        assertThat(env.get("USER")).isEqualTo(ME);
        assertThat(manager.readEnvironment(List.of(), account(ME)).keySet())
                .containsExactly("HOME", "USER", "LOGNAME", "SHELL", "PATH");
    }

    @Test
    void outputOfProcessWithoutCaptureDoesNotExist() throws Exception {
        long pid = manager.start(StartRequest.of(account(ME), "/bin/true", ""));
        assertThat(manager.hasCapturedIo(pid)).isFalse();
        assertThatThrownBy(() -> manager.openOutput(pid, StdStream.STDOUT, account(ME)))
                .isInstanceOf(NoSuchProcessException.class);
        assertThatThrownBy(() -> manager.openOutput(pid, StdStream.STDIN, account(ME)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    private static long findUnusedPid() {
        long max = 32768;
        try {
            max = new io.github.guesttools.process.internal.procfs.ProcFs().pidMax();
        } catch (RuntimeException e) {
            // keep the default
        }
        for (long pid = max - 1; pid > 300; pid--) {
            if (!Files.exists(Path.of("/proc/" + pid))) {
                return pid;
            }
        }
        throw new IllegalStateException("no free pid");
    }
}
