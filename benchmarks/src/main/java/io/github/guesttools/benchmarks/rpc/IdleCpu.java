package io.github.guesttools.benchmarks.rpc;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.tclo.Execution;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import io.github.guesttools.rpc.tclo.TcloService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the idle-CPU benchmarks share: an idle TCLO loop that answers {@code ping} on a simulator, a
 * baseline thread that only sleeps, and the CPU of named threads and of the whole process over a stretch
 * of wall time.
 */
final class IdleCpu {
    /** CPU over {@link #wallNanos}: the whole process and each measured thread, in nanoseconds. */
    record Sample(long wallNanos, long processNanos, Map<String, Long> threadNanos) {
        long thread(String name) {
            return threadNanos.get(name);
        }

        /** One line: {@code label cpu X ms = Y % of one core}. */
        String line(String label, long nanos) {
            return String.format(
                    "%-18s cpu %8.1f ms = %.4f %% of one core", label, nanos / 1e6, 100.0 * nanos / wallNanos);
        }
    }

    private IdleCpu() {}

    /** A TCLO loop on {@code vmx} with only {@code ping}, started. */
    static TcloService pingOnlyLoop(VmxSimulator vmx) throws Exception {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.register("ping", a -> new byte[0], Execution.POLL_THREAD);
        TcloService service = TcloService.builder(BackdoorChannels.opener(vmx))
                .handlers(handlers)
                .build();
        service.start();
        return service;
    }

    /** A started daemon thread named {@code idle-baseline} that sleeps {@code periodMillis} in a loop until interrupted. */
    static Thread sleepingBaseline(long periodMillis) {
        Thread baseline = new Thread(
                () -> {
                    try {
                        while (true) {
                            Thread.sleep(periodMillis);
                        }
                    } catch (InterruptedException e) {
                        // end of run
                    }
                },
                "idle-baseline");
        baseline.setDaemon(true);
        baseline.start();
        return baseline;
    }

    /** Sleeps {@code seconds} and returns the CPU the process and the threads named {@code threads} used meanwhile. */
    static Sample measure(int seconds, String... threads) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, Long> start = new LinkedHashMap<>();
        for (String name : threads) {
            long id = threadId(name);
            ids.put(name, id);
            start.put(name, mx.getThreadCpuTime(id));
        }
        long wall0 = System.nanoTime();
        long proc0 = os.getProcessCpuTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - wall0;
        long proc = os.getProcessCpuTime() - proc0;
        Map<String, Long> used = new LinkedHashMap<>();
        ids.forEach((name, id) -> used.put(name, mx.getThreadCpuTime(id) - start.get(name)));
        return new Sample(wall, proc, used);
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name))
                .getId();
    }
}
