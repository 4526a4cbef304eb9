package io.github.guesttools.benchmarks.rpc;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.rpc.tclo.TcloService;
import io.github.guesttools.rpc.timesync.GuestClock;
import io.github.guesttools.rpc.timesync.HostClock;
import io.github.guesttools.rpc.timesync.TimeSync;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
        TcloService service = IdleCpu.pingOnlyLoop(vmx);
        TimeSync sync = TimeSync.builder(HostClock.of(vmx))
                .guestClock(new ReadOnlyClock())
                .ntp(() -> false)
                .build();
        sync.setPeriod(1);
        sync.setSyncTime(true);
        Thread baseline = IdleCpu.sleepingBaseline(1000);
        vmx.submitTclo("ping").get();
        Thread.sleep(3000);

        IdleCpu.Sample m = IdleCpu.measure(seconds, "tclo-poll", "timesync", "idle-baseline");
        sync.close();
        service.stop();
        baseline.interrupt();

        long tsCpu = m.thread("timesync");
        long baseCpu = m.thread("idle-baseline");
        System.out.printf("wall %.1f s%n", m.wallNanos() / 1e9);
        System.out.println(m.line("timesync thread", tsCpu));
        System.out.println(m.line("tclo-poll thread", m.thread("tclo-poll")));
        System.out.println(m.line("idle-baseline thr", baseCpu) + " (sleep(1000) loop)");
        System.out.println(m.line("whole process", m.processNanos()));
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
}
