package io.github.guesttools.benchmarks.rpc;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.netinfo.NetworkCollector;
import io.github.guesttools.rpc.report.GuestInfoReporter;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.tclo.TcloService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Whole-process run: the CPU an idle TCLO loop burns once its back-off has reached the 100 ms cap,
 * over {@code seconds} (default 60) of wall time. Side by side in the same process: a baseline thread
 * that only sleeps 100 ms in a loop (the least a 100 ms poller can cost), and the whole process.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.guesttools.benchmarks.rpc.IdleLoopCpu 60}
 */
public final class IdleLoopCpu {
    private IdleLoopCpu() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        VmxSimulator vmx = new VmxSimulator();
        vmx.setRecording(false);
        if (args.length > 1 && args[1].equals("--alloc-only")) {
            guestInfoCycle(vmx, ManagementFactory.getThreadMXBean());
            return;
        }
        TcloService service = IdleCpu.pingOnlyLoop(vmx);
        Thread baseline = IdleCpu.sleepingBaseline(100);
        vmx.submitTclo("ping").get();
        Thread.sleep(2000); // let the back-off reach the 100 ms cap

        IdleCpu.Sample m = IdleCpu.measure(seconds, "tclo-poll", "idle-baseline");
        boolean alive =
                "OK ".equals(new String(vmx.submitTclo("ping").get(), java.nio.charset.StandardCharsets.ISO_8859_1));
        service.stop();
        baseline.interrupt();

        long pollCpu = m.thread("tclo-poll");
        long baseCpu = m.thread("idle-baseline");
        System.out.printf("wall %.1f s%n", m.wallNanos() / 1e9);
        System.out.println(m.line("tclo-poll thread", pollCpu));
        System.out.println(m.line("idle-baseline thr", baseCpu));
        System.out.println(m.line("whole process", m.processNanos()));
        System.out.printf(
                "ratio poll/baseline %.2f; loop answered a ping afterwards: %s%n",
                (double) pollCpu / Math.max(1, baseCpu), alive);
        guestInfoCycle(vmx, ManagementFactory.getThreadMXBean());
    }

    /**
     * Allocation of one periodic guest-info cycle on an unchanged guest (collect this machine's NICs,
     * OS, host name, compare, send nothing), against collecting the NICs alone.
     */
    private static void guestInfoCycle(VmxSimulator vmx, ThreadMXBean threads) throws Exception {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) threads;
        vmx.setRecording(true);
        try (RpciClient rpci = new RpciClient(BackdoorChannels.opener(vmx))) {
            GuestInfoReporter reporter = GuestInfoReporter.builder(rpci).build();
            reporter.pushAll();
            NetworkCollector collector = NetworkCollector.builder().build();
            int cycles = 200;
            for (int i = 0; i < cycles; i++) {
                reporter.pushChanged();
                collector.collect();
            }
            long calls0 = vmx.callCount();
            long a0 = t.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < cycles; i++) {
                reporter.pushChanged();
            }
            long a1 = t.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < cycles; i++) {
                collector.collect();
            }
            long a2 = t.getCurrentThreadAllocatedBytes();
            System.out.printf(
                    "guest-info cycle (unchanged): %d bytes allocated, NIC collection alone %d bytes,"
                            + " ratio %.2f; backdoor calls during %d cycles: %d%n",
                    (a1 - a0) / cycles,
                    (a2 - a1) / cycles,
                    (double) (a1 - a0) / Math.max(1, a2 - a1),
                    cycles,
                    vmx.callCount() - calls0);
        }
    }
}
