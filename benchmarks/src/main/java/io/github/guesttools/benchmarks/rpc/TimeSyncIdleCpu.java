package io.github.guesttools.benchmarks.rpc;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.tclo.Execution;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import io.github.guesttools.rpc.tclo.TcloService;
import io.github.guesttools.rpc.timesync.GuestClock;
import io.github.guesttools.rpc.timesync.HostClock;
import io.github.guesttools.rpc.timesync.TimeSync;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Whole-process run: the idle TCLO loop (100 ms back-off cap) plus the periodic time-sync loop at the
 * shortest period the host can set (1 s, 60 times the default), over {@code seconds} (default 60). Side by
 * side: a baseline thread that only sleeps 1 s in a loop. The guest clock reads the real clock and never
 * changes it (the benchmark must not move this machine's time); the host clock is the simulator's backdoor.
 *
 * <p>Run: {@code benchmarks/scripts/timesync-idle-cpu.sh 60}
 */
public final class TimeSyncIdleCpu {
    private TimeSyncIdleCpu() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        VmxSimulator vmx = new VmxSimulator();
        vmx.setRecording(false);
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.register("ping", a -> new byte[0], Execution.POLL_THREAD);
        TcloService service = TcloService.builder(BackdoorChannels.opener(vmx))
                .handlers(handlers)
                .build();
        service.start();
        TimeSync sync = TimeSync.builder(HostClock.of(vmx))
                .guestClock(new ReadOnlyClock())
                .ntp(() -> false)
                .build();
        sync.setPeriod(1);
        sync.setSyncTime(true);
        Thread baseline = new Thread(
                () -> {
                    try {
                        while (true) {
                            Thread.sleep(1000);
                        }
                    } catch (InterruptedException e) {
                        // end of run
                    }
                },
                "idle-baseline");
        baseline.setDaemon(true);
        baseline.start();
        vmx.submitTclo("ping").get();
        Thread.sleep(3000);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long poll = threadId("tclo-poll");
        long ts = threadId("timesync");
        long base = baseline.getId();
        long wall0 = System.nanoTime();
        long proc0 = os.getProcessCpuTime();
        long poll0 = threads.getThreadCpuTime(poll);
        long ts0 = threads.getThreadCpuTime(ts);
        long base0 = threads.getThreadCpuTime(base);
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - wall0;
        long proc = os.getProcessCpuTime() - proc0;
        long pollCpu = threads.getThreadCpuTime(poll) - poll0;
        long tsCpu = threads.getThreadCpuTime(ts) - ts0;
        long baseCpu = threads.getThreadCpuTime(base) - base0;
        sync.close();
        service.stop();
        baseline.interrupt();

        System.out.printf("wall %.1f s%n", wall / 1e9);
        System.out.printf("timesync thread    cpu %8.1f ms = %.4f %% of one core%n", tsCpu / 1e6, 100.0 * tsCpu / wall);
        System.out.printf(
                "tclo-poll thread   cpu %8.1f ms = %.4f %% of one core%n", pollCpu / 1e6, 100.0 * pollCpu / wall);
        System.out.printf(
                "idle-baseline thr  cpu %8.1f ms = %.4f %% of one core (sleep(1000) loop)%n",
                baseCpu / 1e6, 100.0 * baseCpu / wall);
        System.out.printf("whole process      cpu %8.1f ms = %.4f %% of one core%n", proc / 1e6, 100.0 * proc / wall);
        System.out.printf("ratio timesync/baseline %.2f%n", (double) tsCpu / Math.max(1, baseCpu));
    }

    /** Reads the real clock; never changes it. */
    private static final class ReadOnlyClock implements GuestClock {
        @Override
        public long nowMicros() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        }

        @Override
        public void step(long deltaMicros) {}

        @Override
        public void setTick(long tickMicros) {}

        @Override
        public boolean kernelSynchronized() {
            return false;
        }
    }

    private static long threadId(String name) {
        return Arrays.stream(Thread.getAllStackTraces().keySet().toArray(new Thread[0]))
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getId();
    }
}
