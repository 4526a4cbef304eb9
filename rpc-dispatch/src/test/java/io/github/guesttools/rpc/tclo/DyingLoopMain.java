package io.github.guesttools.rpc.tclo;

import io.github.guesttools.rpc.testing.SimulatedVm;
import java.nio.charset.StandardCharsets;

/**
 * A process whose TCLO loop dies of an {@link Error} (a poll-thread handler that throws one, the
 * seam), with the default loop-failure action; {@link TcloWatchdogTest} expects it to exit.
 */
public final class DyingLoopMain {
    private DyingLoopMain() {}

    public static void main(String[] args) throws Exception {
        SimulatedVm vm = new SimulatedVm();
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.register(
                "die",
                a -> {
                    throw new StackOverflowError("seam: the poll loop dies");
                },
                Execution.POLL_THREAD);
        TcloService service =
                TcloService.builder(vm.opener()).handlers(handlers).build();
        service.start();
        vm.vmx().submitTclo("die".getBytes(StandardCharsets.ISO_8859_1));
        System.out.println("submitted");
        Thread.sleep(300_000);
        System.exit(0); // the loop failure was missed: a clean exit the test refuses
    }
}
