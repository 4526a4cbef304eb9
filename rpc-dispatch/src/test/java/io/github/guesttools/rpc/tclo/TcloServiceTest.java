package io.github.guesttools.rpc.tclo;

import static io.github.guesttools.rpc.testing.SimulatedVm.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.channel.ChannelOptions;
import io.github.guesttools.rpc.channel.ChannelInUseException;
import io.github.guesttools.rpc.testing.SimulatedVm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcloServiceTest {
    private SimulatedVm vm = new SimulatedVm();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private TcloService service;

    TcloServiceTest() {
        handlers.register("ping", args -> new byte[0]);
        handlers.register("echo", args -> args);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    private TcloService start(TcloService.Builder b) throws Exception {
        service = b.handlers(handlers).build();
        service.start();
        return service;
    }

    /** Handlers here are fast; the bound is set low only where it is under test. */
    private TcloService start() throws Exception {
        return start(TcloService.builder(vm.opener()).handlerBound(Duration.ofSeconds(10)));
    }

    @Test
    void answersWithOkAndTheResult() throws Exception {
        start();
        assertThat(vm.request("ping")).isEqualTo("OK ");
        assertThat(vm.request("echo hello world")).isEqualTo("OK hello world");
        assertThat(vm.request("echo")).isEqualTo("OK ");
        assertThat(vm.request("ping\0"))
                .as("trailing NULs trimmed from the name")
                .isEqualTo("OK ");
    }

    @Test
    void unknownAndEmptyCommandsGetOpenVmToolsStrings() throws Exception {
        start();
        vm.assertReplies(
                "no_such_rpc", "ERROR Unknown Command",
                "", "ERROR Bad command",
                " args", "ERROR Bad command",
                "\0", "ERROR Bad command",
                "ping", "OK ");
    }

    @Test
    void handlerExceptionsBecomeErrorRepliesAndTheLoopGoesOn() throws Exception {
        handlers.register("boom", args -> {
            throw new IllegalStateException("it broke");
        });
        handlers.register("npe", args -> {
            throw new NullPointerException();
        });
        handlers.register("assert", args -> {
            throw new AssertionError("bad state");
        });
        start();
        vm.assertReplies(
                "boom", "ERROR it broke",
                "npe", "ERROR NullPointerException",
                "assert", "ERROR bad state",
                "ping", "OK ");
    }

    @Test
    void oneMebibyteRequestsAreHandledAndOversizedRepliesRefused() throws Exception {
        start();
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 'x');
        byte[] unknown = big.clone();
        assertThat(SimulatedVm.ascii(vm.request(unknown))).isEqualTo("ERROR Unknown Command");
        byte[] echo = big.clone();
        System.arraycopy("echo ".getBytes(StandardCharsets.ISO_8859_1), 0, echo, 0, 5);
        assertThat(SimulatedVm.ascii(vm.request(echo))).isEqualTo("ERROR reply too large");
        byte[] fits = new byte[5 + TcloReplies.MAX_REPLY - 3];
        Arrays.fill(fits, (byte) 'y');
        System.arraycopy("echo ".getBytes(StandardCharsets.ISO_8859_1), 0, fits, 0, 5);
        assertThat(vm.request(fits))
                .hasSize(TcloReplies.MAX_REPLY)
                .startsWith("OK yyy".getBytes(StandardCharsets.ISO_8859_1));
        byte[] over = Arrays.copyOf(fits, fits.length + 1);
        over[over.length - 1] = 'y';
        assertThat(SimulatedVm.ascii(vm.request(over))).isEqualTo("ERROR reply too large");
        assertThat(vm.request("ping")).isEqualTo("OK ");
    }

    @Test
    void worksOverTheLowBandwidthPathToo() throws Exception {
        vm.vmx().setHighBandwidth(false);
        start();
        byte[] echo = new byte[5 + 4001];
        Arrays.fill(echo, (byte) 'q');
        System.arraycopy("echo ".getBytes(StandardCharsets.ISO_8859_1), 0, echo, 0, 5);
        byte[] reply = vm.request(echo);
        assertThat(reply).hasSize(3 + 4001).startsWith("OK qqq".getBytes(StandardCharsets.ISO_8859_1));
        vm.assertReplies("echo abc", "OK abc", "no_such_rpc", "ERROR Unknown Command", "ping", "OK ");
    }

    @Test
    void idleBackoffFollowsTheSpecScheduleAndResetsAfterARequest() throws Exception {
        AtomicReference<CompletableFuture<byte[]>> ping = new AtomicReference<>();
        AtomicBoolean answeredBeforeNextSleep = new AtomicBoolean();
        RecordingSleeper sleeper = new RecordingSleeper(9, index -> {
            if (index == 5) {
                ping.set(vm.vmx().submitTclo("ping"));
            }
            if (index == 6) {
                answeredBeforeNextSleep.set(ping.get().isDone());
            }
        });
        start(TcloService.builder(vm.opener()).sleeper(sleeper).handlerBound(Duration.ofSeconds(10)));
        await(() -> sleeper.millis.size() == 9, "nine sleeps");
        assertThat(sleeper.millis).containsExactly(10L, 20L, 40L, 80L, 100L, 100L, 10L, 20L, 40L);
        assertThat(answeredBeforeNextSleep)
                .as("reply sent on the immediate next iteration")
                .isTrue();
        assertThat(SimulatedVm.ascii(ping.get().get(1, TimeUnit.SECONDS))).isEqualTo("OK ");
    }

    @Test
    void slowHandlerDoesNotDelayPings() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slowFinished = new AtomicBoolean();
        handlers.register("slow", args -> {
            release.await(60, TimeUnit.SECONDS);
            slowFinished.set(true);
            return "late".getBytes(StandardCharsets.ISO_8859_1);
        });
        start(TcloService.builder(vm.opener()).handlerBound(Duration.ofSeconds(1)));
        assertThat(vm.request("slow")).isEqualTo("ERROR Request timed out");
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(vm.request("ping")).isEqualTo("OK ");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(slowFinished)
                .as("50 pings answered while the slow handler still runs (%d ms)", ms)
                .isFalse();
        release.countDown();
        await(slowFinished::get, "slow handler end");
        assertThat(vm.request("echo after")).isEqualTo("OK after");
    }

    /**
     * Requests of one command that overrun the bound hold workers; they may hold all but one, so another command
     * on a worker (the host's Capabilities_Register, Set_Option, power operations) is still answered.
     */
    @Test
    void oneCommandCannotHoldTheLastWorker() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        handlers.register("hog", args -> {
            running.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
            return new byte[0];
        });
        start(TcloService.builder(vm.opener())
                .handlerBound(Duration.ofMillis(50))
                .maxWorkers(3));
        try {
            assertThat(vm.request("hog")).isEqualTo("ERROR Request timed out");
            assertThat(vm.request("hog")).isEqualTo("ERROR Request timed out");
            await(() -> running.get() == 2, "two hogs running");
            assertThat(vm.request("hog")).isEqualTo("ERROR Too many requests in progress");
            assertThat(running.get()).isEqualTo(2);
            AtomicBoolean otherRan = new AtomicBoolean();
            handlers.register("other", args -> {
                otherRan.set(true);
                return "answered".getBytes(StandardCharsets.ISO_8859_1);
            });
            // got the third worker (under load it may still overrun the short bound, but it runs)
            assertThat(vm.request("other")).isIn("OK answered", "ERROR Request timed out");
            await(otherRan::get, "the other command on the spare worker");
        } finally {
            release.countDown();
        }
    }

    @Test
    void handlerSleepingFiveSecondsWhileFiftyPingsAreAnswered() throws Exception {
        AtomicBoolean slowFinished = new AtomicBoolean();
        handlers.register("sleep5", args -> {
            Thread.sleep(5000);
            slowFinished.set(true);
            return new byte[0];
        });
        start(TcloService.builder(vm.opener()).handlerBound(Duration.ofSeconds(1)));
        CompletableFuture<byte[]> slow = vm.vmx().submitTclo("sleep5");
        int answered = 0;
        for (int i = 0; i < 50; i++) {
            if (vm.request("ping").equals("OK ")) {
                answered++;
            }
        }
        assertThat(answered).isEqualTo(50);
        assertThat(SimulatedVm.ascii(slow.get(SimulatedVm.WAIT.toSeconds(), TimeUnit.SECONDS)))
                .isEqualTo("ERROR Request timed out");
    }

    @Test
    void recoversFromCookieInvalidationAndAnswersLaterRequests() throws Exception {
        AtomicInteger resets = new AtomicInteger();
        start(TcloService.builder(vm.opener())
                .recoveryBackoff(Duration.ofMillis(10), Duration.ofMillis(40))
                .handlerBound(Duration.ofSeconds(10))
                .onChannelReset(resets::incrementAndGet));
        assertThat(vm.request("ping")).isEqualTo("OK ");
        vm.vmx().invalidateCookies();
        await(() -> service.stats().recoveries() >= 1, "a recovery");
        assertThat(vm.request("echo back")).isEqualTo("OK back");
        assertThat(vm.request("ping")).isEqualTo("OK ");
        assertThat(service.stats().recoveries()).isEqualTo(1);
        assertThat(resets.get()).isPositive();
        assertThat(vm.vmx().openChannels()).isEqualTo(1);
    }

    @Test
    void recoveryNeverSpins() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(Integer.MAX_VALUE, index -> {});
        start(TcloService.builder(vm.opener())
                .sleeper(sleeper)
                .recoveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        vm.vmx().powerOff();
        await(() -> sleeper.millis.stream().filter(m -> m >= 1000).count() >= 6, "six recovery waits");
        vm.vmx().powerOn();
        assertThat(sleeper.millis.stream().filter(m -> m >= 1000).limit(6).toList())
                .containsExactly(1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
    }

    @Test
    void repeatedReceiveErrorsAreCountedAndResetTheChannel() throws Exception {
        vm = new SimulatedVm(ChannelOptions.DEFAULTS.withMaxReceiveSize(1024));
        start(TcloService.builder(vm.opener())
                .recoveryBackoff(Duration.ofMillis(10), Duration.ofMillis(10))
                .handlerBound(Duration.ofSeconds(10)));
        byte[] tooBig = new byte[4096];
        Arrays.fill(tooBig, (byte) 'z');
        for (int i = 0; i < 3; i++) {
            CompletableFuture<byte[]> refused = vm.vmx().submitTclo(tooBig);
            assertThatThrownBy(() -> refused.get(SimulatedVm.WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("refused %d", i)
                    .hasCauseInstanceOf(Exception.class);
        }
        await(() -> service.stats().recoveries() == 1, "recovery after 3 receive errors");
        assertThat(service.stats().receiveErrors()).isEqualTo(3);
        assertThat(vm.request("ping")).isEqualTo("OK ");
    }

    @Test
    void secondAgentFailsCleanlyNamingTheReason() throws Exception {
        start();
        TcloService second = TcloService.builder(vm.opener()).build();
        assertThatThrownBy(second::start)
                .isInstanceOf(ChannelInUseException.class)
                .hasMessageContaining("another tools daemon");
        assertThat(second.isRunning()).isFalse();
        second.stop();
        assertThat(vm.request("ping")).isEqualTo("OK ");
    }

    @Test
    void aPoweredOffHostIsNotReportedAsAnotherDaemon() {
        vm.vmx().powerOff();
        TcloService s = TcloService.builder(vm.opener()).build();
        assertThatThrownBy(s::start)
                .isInstanceOf(io.github.guesttools.rpc.channel.ChannelException.class)
                .isNotInstanceOf(ChannelInUseException.class);
    }

    @Test
    void startStopStartAndSecondStopIsHarmless() throws Exception {
        start();
        assertThat(vm.request("ping")).isEqualTo("OK ");
        service.stop();
        service.stop();
        assertThat(service.isRunning()).isFalse();
        assertThat(vm.vmx().openChannels()).isZero();
        service.start();
        assertThat(vm.request("echo again")).isEqualTo("OK again");
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
        service.stop();
        assertThat(vm.vmx().openChannels()).isZero();
    }

    @Test
    void unregisteredHandlersBecomeUnknown() throws Exception {
        start();
        assertThat(vm.request("echo x")).isEqualTo("OK x");
        assertThat(handlers.unregister("echo")).isTrue();
        assertThat(vm.request("echo x")).isEqualTo("ERROR Unknown Command");
        assertThatThrownBy(() -> handlers.register("a b", args -> args)).isInstanceOf(IllegalArgumentException.class);
    }
}
