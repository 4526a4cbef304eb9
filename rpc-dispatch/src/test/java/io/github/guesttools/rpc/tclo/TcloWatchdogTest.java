package io.github.guesttools.rpc.tclo;

import static io.github.guesttools.rpc.testing.SimulatedVm.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.testing.SimulatedVm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, attack 5's tail: an {@link Error} on the poll thread left a live JVM that answered nothing.
 * Now the loop-failure action runs (in a test, a recorder; in a real process, a halt with status 70), also
 * when the poll thread hangs without dying (no heartbeat for the stall bound).
 */
class TcloWatchdogTest {
    private final SimulatedVm vm = new SimulatedVm();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private TcloService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void anErrorOnThePollThreadGoesToTheLoopFailureAction() throws Exception {
        handlers.register("ping", a -> new byte[0], Execution.POLL_THREAD);
        handlers.register(
                "die",
                a -> {
                    throw new StackOverflowError("seam");
                },
                Execution.POLL_THREAD);
        service = TcloService.builder(vm.opener())
                .handlers(handlers)
                .handlerBound(Duration.ofSeconds(10))
                .onLoopFailure(failure::set)
                .build();
        service.start();
        assertThat(vm.request("ping")).isEqualTo("OK ");
        vm.vmx().submitTclo("die".getBytes(StandardCharsets.ISO_8859_1));
        await(() -> failure.get() != null, "the loop-failure action");
        assertThat(failure.get()).isInstanceOf(StackOverflowError.class).hasMessage("seam");
    }

    @Test
    void aRuntimeExceptionFromDispatchIsAnsweredAndTheLoopGoesOn() throws Exception {
        service = TcloService.builder(vm.opener())
                .handlers(handlers)
                .handlerBound(Duration.ofSeconds(10))
                .onLoopFailure(failure::set)
                .build();
        handlers.register("ping", a -> new byte[0], Execution.POLL_THREAD);
        // a registry whose lookup breaks stands for a dispatcher bug
        handlers.register(
                "odd",
                a -> {
                    throw new IllegalStateException("handler bug");
                },
                Execution.POLL_THREAD);
        service.start();
        assertThat(vm.request("odd")).startsWith("ERROR ");
        assertThat(vm.request("ping")).isEqualTo("OK ");
        assertThat(failure.get()).isNull();
    }

    /** A poll thread blocked for ever (here in a poll-thread handler) is reported once the fake clock passes the bound. */
    @Test
    void aLoopHungInsideAHandlerGoesToTheLoopFailureAction() throws Exception {
        AtomicLong clock = new AtomicLong();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        handlers.register(
                "hang",
                a -> {
                    entered.countDown();
                    release.await();
                    return new byte[0];
                },
                Execution.POLL_THREAD);
        service = TcloService.builder(vm.opener())
                .handlers(handlers)
                .watchdogClock(clock::get, Duration.ofMillis(5))
                .onLoopFailure(failure::set)
                .build();
        try {
            service.start();
            vm.vmx().submitTclo("hang".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(entered.await(SimulatedVm.WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            clock.addAndGet(
                    Duration.ofSeconds(TcloService.DEFAULT_STALL_SECONDS - 1).toNanos());
            Thread.sleep(50); // several watchdog looks within the bound: nothing reported
            assertThat(failure.get()).isNull();
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            await(() -> failure.get() != null, "the loop-failure action for a hung loop");
            assertThat(failure.get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("made no progress for 61 s (bound 60 s)")
                    .hasMessageContaining("tclo-poll WAITING at ")
                    .hasMessageContaining(TcloWatchdogTest.class.getName());
        } finally {
            release.countDown();
        }
    }

    /**
     * A healthy loop is never flagged, however long the fake clock runs: idle polling, then recovery waits of
     * 5 s while the host is powered off. The sleeper advances the watchdog's clock by each wait it is asked for.
     */
    @Test
    void aHealthyLoopWithLongBackoffIsNeverFlagged() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicInteger sleeps = new AtomicInteger();
        Sleeper advancing = d -> {
            clock.addAndGet(d.toNanos());
            sleeps.incrementAndGet();
            Thread.sleep(1); // the loop keeps going, but gently
        };
        handlers.register("ping", a -> new byte[0], Execution.POLL_THREAD);
        service = TcloService.builder(vm.opener())
                .handlers(handlers)
                .sleeper(advancing)
                .recoveryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .watchdogClock(clock::get, Duration.ofMillis(1))
                .onLoopFailure(failure::set)
                .build();
        service.start();
        assertThat(vm.request("ping")).isEqualTo("OK ");
        vm.vmx().powerOff();
        long tenBounds =
                Duration.ofSeconds(10L * TcloService.DEFAULT_STALL_SECONDS).toNanos();
        await(() -> clock.get() > tenBounds, "ten stall bounds of recovery waits");
        assertThat(failure.get()).isNull();
        vm.vmx().powerOn();
        long resumed = clock.get();
        long twoBounds =
                Duration.ofSeconds(2L * TcloService.DEFAULT_STALL_SECONDS).toNanos();
        await(() -> clock.get() > resumed + twoBounds, "two more stall bounds");
        assertThat(failure.get()).isNull();
        assertThat(sleeps.get()).isGreaterThan(100);
    }

    @Test
    void aProcessWhoseLoopDiesExitsWithStatus70() throws Exception {
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DyingLoopMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("submitted");
            assertThat(p.waitFor(SimulatedVm.WAIT.toSeconds() * 2, TimeUnit.SECONDS))
                    .as("the process exits instead of living on without a loop")
                    .isTrue();
            assertThat(p.exitValue()).isEqualTo(TcloService.LOOP_FAILURE_STATUS);
        } finally {
            p.destroyForcibly();
        }
    }
}
