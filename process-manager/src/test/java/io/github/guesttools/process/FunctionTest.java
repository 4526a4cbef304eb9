package io.github.guesttools.process;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java functions run as guest processes under pseudo-pids. */
class FunctionTest extends ManagerFixture {
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected ProcessManager.Builder configure(ProcessManager.Builder builder) {
        return builder.maxTracked(3)
                .function("upper", ctx -> {
                    byte[] in = ctx.stdin().readAllBytes();
                    String upper = new String(in, StandardCharsets.UTF_8).toUpperCase();
                    ctx.stdout().write(upper.getBytes(StandardCharsets.UTF_8));
                    return ctx.arguments().isEmpty() ? 0 : Integer.parseInt(ctx.arguments());
                })
                .function("sleep", ctx -> {
                    try {
                        release.await();
                        return 0;
                    } catch (InterruptedException e) {
                        return 42; // like the govmomi ESX test: exit 42 when killed
                    }
                })
                .function("fail", ctx -> {
                    throw new IOException("broken on purpose");
                });
    }

    @AfterEach
    void releaseSleepers() {
        release.countDown();
    }

    @Test
    void functionGetsStdinAndItsResultIsTheExitCode() throws Exception {
        long pid = manager.start(StartRequest.of(account(ME), "upper", "7"));
        assertThat(pid).isGreaterThanOrEqualTo(PseudoPids.PID_MAX_LIMIT);
        assertThat(pid).isGreaterThanOrEqualTo(new io.github.guesttools.process.internal.procfs.ProcFs().pidMax());
        byte[] data = "shout".getBytes(StandardCharsets.UTF_8);
        try (StdinSink stdin = manager.openStdin(pid, account(ME))) {
            stdin.write(data, 0, data.length);
        }
        assertThat(Await.output(manager, pid, StdStream.STDOUT, ME)).isEqualTo("SHOUT");
        ProcessInfo row = Await.ended(manager, pid);
        assertThat(row.exitCode()).isEqualTo(7);
        assertThat(row.command()).isEqualTo("upper");
        assertThat(row.commandLine()).isEqualTo("upper 7");
        assertThat(row.owner()).isEqualTo(ME);
    }

    @Test
    void failingFunctionExitsOneWithItsErrorOnStderr() throws Exception {
        long pid = manager.start(StartRequest.of(account(ME), "fail", ""));
        assertThat(Await.ended(manager, pid).exitCode()).isEqualTo(1);
        assertThat(Await.output(manager, pid, StdStream.STDERR, ME)).contains("broken on purpose");
    }

    @Test
    void killInterruptsTheFunctionWhichChoosesItsExitCode() throws Exception {
        long pid = manager.start(StartRequest.of(account(ME), "sleep", ""));
        assertThatThrownBy(() -> manager.openOutput(pid, StdStream.STDOUT, account(ME)))
                .isInstanceOf(RetryLaterException.class);
        manager.kill(pid, account(ME));
        assertThat(Await.ended(manager, pid).exitCode()).isEqualTo(42);
    }

    @Test
    void pseudoPidsAreReusedOnlyAfterExpiryAndNeverTwice() throws Exception {
        long first = manager.start(StartRequest.of(account(ME), "upper", ""));
        manager.openStdin(first, account(ME)).close();
        Await.ended(manager, first);
        long second = manager.start(StartRequest.of(account(ME), "sleep", ""));
        assertThat(second).isEqualTo(first + 1);
        clock.advance(Duration.ofMinutes(5));
        manager.expire();
        assertThat(manager.list(List.of())).extracting(ProcessInfo::pid).containsExactly(second);
        long third = manager.start(StartRequest.of(account(ME), "sleep", ""));
        assertThat(third).isEqualTo(first);
        long fourth = manager.start(StartRequest.of(account(ME), "sleep", ""));
        assertThat(List.of(second, third, fourth)).doesNotHaveDuplicates();
        assertThat(manager.list(List.of())).extracting(ProcessInfo::pid).containsExactly(second, third, fourth);
        // capacity 3, all running: nothing more fits
        assertThatThrownBy(() -> manager.start(StartRequest.of(account(ME), "sleep", "")))
                .isInstanceOf(TooManyProcessesException.class);
    }

    @Test
    void unknownPseudoPidIsNeverSentToTheOs() {
        assertThatThrownBy(() -> manager.kill(PseudoPids.PID_MAX_LIMIT + 2, account(ME)))
                .isInstanceOf(NoSuchProcessException.class);
        assertThat(manager.list(List.of(PseudoPids.PID_MAX_LIMIT + 2))).isEmpty();
    }

    @Test
    void anotherUserCannotKillOrReadAFunction() throws Exception {
        String other = ME.equals("root") ? "nobody" : "root";
        long pid = manager.start(StartRequest.of(account(ME), "sleep", ""));
        if (ME.equals("root")) {
            assertThatThrownBy(() -> manager.kill(pid, account(other))).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> manager.openOutput(pid, StdStream.STDOUT, account(other)))
                    .isInstanceOf(PermissionDeniedException.class);
        }
        manager.kill(pid, account(ME));
        assertThat(Await.ended(manager, pid).exitCode()).isEqualTo(42);
    }

    @Test
    void functionOutputIsReadableAfterItEnds() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (ProcessManager m = ProcessManager.builder()
                .spillDirectoryParent(temp)
                .function("hello", ctx -> {
                    started.countDown();
                    ctx.stdout().write("hi".getBytes(StandardCharsets.UTF_8));
                    ctx.stderr().write("warn".getBytes(StandardCharsets.UTF_8));
                    return 0;
                })
                .build()) {
            long pid = m.start(StartRequest.of(account(ME), "hello", ""));
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Await.output(m, pid, StdStream.STDOUT, ME)).isEqualTo("hi");
            assertThat(Await.output(m, pid, StdStream.STDERR, ME)).isEqualTo("warn");
        }
    }
}
