package io.github.guesttools.rpc.tclo;

import static io.github.guesttools.rpc.testing.SimulatedVm.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.testing.SimulatedVm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, attack 5's tail: an {@link Error} on the poll thread left a live JVM that answered nothing.
 * Now the loop-failure action runs (in a test, a recorder; in a real process, a halt with status 70).
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
        handlers.register("die", a -> {
            throw new StackOverflowError("seam");
        }, Execution.POLL_THREAD);
        service = TcloService.builder(vm.opener()).handlers(handlers).handlerBound(Duration.ofSeconds(10))
                .onLoopFailure(failure::set).build();
        service.start();
        assertThat(vm.request("ping")).isEqualTo("OK ");
        vm.vmx().submitTclo("die".getBytes(StandardCharsets.ISO_8859_1));
        await(() -> failure.get() != null, "the loop-failure action");
        assertThat(failure.get()).isInstanceOf(StackOverflowError.class).hasMessage("seam");
    }

    @Test
    void aRuntimeExceptionFromDispatchIsAnsweredAndTheLoopGoesOn() throws Exception {
        service = TcloService.builder(vm.opener()).handlers(handlers).handlerBound(Duration.ofSeconds(10))
                .onLoopFailure(failure::set).build();
        handlers.register("ping", a -> new byte[0], Execution.POLL_THREAD);
        // a registry whose lookup breaks stands for a dispatcher bug
        handlers.register("odd", a -> {
            throw new IllegalStateException("handler bug");
        }, Execution.POLL_THREAD);
        service.start();
        assertThat(vm.request("odd")).startsWith("ERROR ");
        assertThat(vm.request("ping")).isEqualTo("OK ");
        assertThat(failure.get()).isNull();
    }

    @Test
    void aProcessWhoseLoopDiesExitsWithStatus70() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), DyingLoopMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("submitted");
            assertThat(p.waitFor(SimulatedVm.WAIT.toSeconds() * 2, TimeUnit.SECONDS))
                    .as("the process exits instead of living on without a loop").isTrue();
            assertThat(p.exitValue()).isEqualTo(TcloService.LOOP_FAILURE_STATUS);
        } finally {
            p.destroyForcibly();
        }
    }
}
