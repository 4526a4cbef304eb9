package io.github.guesttools.rpc.timesync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.testing.SimulatedVm;
import io.github.guesttools.rpc.toolbox.Toolbox;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time sync over the real TCLO loop and the simulator's GETTIME* registers; only the guest clock is fake. */
class TimeSyncTest {
    private static final long HOST = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000;

    private final SimulatedVm vm = new SimulatedVm();
    private final FakeGuestClock clock = new FakeGuestClock(HOST);
    private volatile boolean ntp;
    private Toolbox toolbox;
    private TimeSync sync;

    TimeSyncTest() {
        vm.vmx().setHostClock(() -> HOST);
        vm.vmx().setTimeLags((int) (SECOND / 2), 0);
    }

    private TimeSync start(TimeSync.Builder b) throws Exception {
        sync = b.guestClock(clock).ntp(() -> ntp).build();
        toolbox = Toolbox.builder(vm.opener())
                .guestInfo(r -> r.network(() -> io.github.guesttools.rpc.nicinfo.NicInfo.EMPTY)
                        .hostName(Optional::empty)
                        .disks(null))
                .guestInfoInterval(Duration.ZERO)
                .handlerBound(Duration.ofSeconds(10))
                .build();
        sync.register(toolbox);
        toolbox.start();
        return sync;
    }

    private TimeSync start() throws Exception {
        return start(TimeSync.builder(HostClock.of(vm.vmx())));
    }

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
        if (toolbox != null) {
            toolbox.close();
        }
    }

    @Test
    void guestBehindByMoreThanTheMaxLagIsSteppedForwardAndCatchUpStops() throws Exception {
        start();
        clock.now = HOST - 10 * SECOND;
        assertThat(vm.request("Time_Synchronize 0")).isEqualTo("OK ");
        assertThat(clock.steps).containsExactly(10 * SECOND);
        assertThat(clock.now).isEqualTo(HOST);
        assertThat(vm.vmx().stopCatchups()).isEqualTo(1);
    }

    @Test
    void smallLagIsLeftAlone() throws Exception {
        start();
        clock.now = HOST - SECOND / 10;
        assertThat(vm.request("Time_Synchronize 1")).isEqualTo("OK ");
        assertThat(clock.steps).isEmpty();
    }

    @Test
    void guestAheadIsSteppedBackOnlyWhenTheHostAllows() throws Exception {
        start();
        clock.now = HOST + 5 * SECOND;
        assertThat(vm.request("Time_Synchronize 0")).isEqualTo("OK ");
        assertThat(vm.request("Time_Synchronize 7"))
                .as("anything but 1 is forward only")
                .isEqualTo("OK ");
        assertThat(clock.steps).isEmpty();
        assertThat(vm.request("Time_Synchronize 1")).isEqualTo("OK ");
        assertThat(clock.steps).containsExactly(-5 * SECOND);
    }

    @Test
    void badRequestsAndUnreadableHostTimeGetOvtsErrors() throws Exception {
        start();
        vm.assertReplies(
                "Time_Synchronize", "ERROR Unable to tokenize TimeSync RPC data",
                "Time_Synchronize x", "ERROR Unable to tokenize TimeSync RPC data",
                "Time_Synchronize -1", "ERROR Unable to tokenize TimeSync RPC data",
                "TimeInfo_Update", "ERROR TimeInfo not enabled",
                "Set_Option synctime 2", "ERROR Unknown or invalid option",
                "Set_Option synctime.period -5", "ERROR Unknown or invalid option",
                "Set_Option time.synchronize.unknown.thing 1", "OK ");
        vm.vmx().setHostClock(() -> 0);
        assertThat(vm.request("Time_Synchronize 1")).isEqualTo("ERROR Unable to sync time");
    }

    @Test
    void reconfigureAtRunTimeTakesEffectAtTheNextCorrectionAndPutsTheRateBack() throws Exception {
        TimeSync s = start();
        vm.assertReplies("Set_Option time.synchronize.tools.slewCorrection 1", "OK ");
        clock.now = HOST - 300_000;
        s.periodicOnce();
        assertThat(s.tick()).isEqualTo(10025);
        s.reconfigure(false, true, false);
        assertThat(s.periodicDisabled()).isTrue();
        assertThat(s.tick()).as("no slew outlives disable-periodic").isEqualTo(GuestClock.NOMINAL_TICK);
        clock.now = HOST - 100 * SECOND;
        s.periodicOnce();
        assertThat(clock.steps).as("the loop corrects nothing").isEmpty();
        assertThat(vm.request("Time_Synchronize 0")).isEqualTo("OK ");
        assertThat(clock.steps).as("one-shot corrections still happen").hasSize(1);
        s.reconfigure(true, false, false);
        clock.now = HOST - 100 * SECOND;
        assertThat(vm.request("Time_Synchronize 0")).isEqualTo("OK ");
        assertThat(clock.steps).as("disable-all").hasSize(1);
        s.reconfigure(false, false, false);
        assertThat(s.allDisabled()).isFalse();
        s.periodicOnce();
        assertThat(clock.steps).hasSize(2);
    }

    @Test
    void disableAllAnswersOkAndChangesNothing() throws Exception {
        start(TimeSync.builder(HostClock.of(vm.vmx())).disableAll(true));
        clock.now = HOST - 100 * SECOND;
        assertThat(vm.request("Time_Synchronize 1")).isEqualTo("OK ");
        assertThat(clock.steps).isEmpty();
    }

    @Test
    void switchingTheLoopOnCorrectsAtOnceAndOffStopsIt() throws Exception {
        start();
        clock.now = HOST + 3 * SECOND;
        vm.assertReplies("Set_Option synctime.period 0", "OK ", "Set_Option synctime 1", "OK ");
        assertThat(sync.loopRunning()).isTrue();
        assertThat(sync.periodSeconds()).isEqualTo(60);
        assertThat(clock.steps).as("one-shot with backwards allowed").containsExactly(-3 * SECOND);
        assertThat(vm.request("Set_Option synctime 0")).isEqualTo("OK ");
        assertThat(sync.loopRunning()).isFalse();
    }

    @Test
    void toolsEnableZeroSkipsTheCorrectionWhenTheLoopStarts() throws Exception {
        start();
        clock.now = HOST + 3 * SECOND;
        vm.assertReplies("Set_Option time.synchronize.tools.enable 0", "OK ", "Set_Option synctime 1", "OK ");
        assertThat(clock.steps).isEmpty();
    }

    @Test
    void startupCorrectionOncePerProcessBackwardOnlyIfAllowed() throws Exception {
        start();
        clock.now = HOST + 3 * SECOND;
        vm.assertReplies("Set_Option time.synchronize.tools.startup 1", "OK ");
        assertThat(clock.steps).as("startup.backward defaults to 0").isEmpty();
        clock.now = HOST - 3 * SECOND;
        vm.assertReplies("Set_Option time.synchronize.tools.startup 1", "OK ");
        assertThat(clock.steps).as("once per process").isEmpty();
    }

    @Test
    void loopSlewsSmallErrorsWhenTheHostSeparatesTheLag() throws Exception {
        TimeSync s = start();
        vm.assertReplies(
                "Set_Option time.synchronize.tools.slewCorrection 1", "OK ",
                "Set_Option time.synchronize.tools.percentCorrection 50", "OK ");
        clock.now = HOST - 300_000; // behind by 0.3 s, under the 0.5 s max lag
        s.periodicOnce();
        // (60 s + 50 % of 0.3 s) / (60 × 100) = 10025 µs per tick
        assertThat(s.tick()).isEqualTo(10025);
        clock.now = HOST + 300_000;
        s.periodicOnce();
        assertThat(s.tick()).isEqualTo(9975);
        assertThat(clock.steps).isEmpty();
    }

    @Test
    void interruptLagIsNotCountedAsGuestError() throws Exception {
        TimeSync s = start();
        vm.vmx().setTimeLags((int) (SECOND / 2), 300_000);
        vm.assertReplies("Set_Option time.synchronize.tools.slewCorrection 1", "OK ");
        clock.now = HOST - 300_000; // apparent lag only: nothing to correct
        s.periodicOnce();
        assertThat(s.tick()).isEqualTo(GuestClock.NOMINAL_TICK);
    }

    @Test
    void slewIsClampedToTenPercent() throws Exception {
        TimeSync s = start();
        vm.vmx().setTimeLags((int) (100 * SECOND), 0);
        vm.assertReplies("Set_Option time.synchronize.tools.slewCorrection 1", "OK ");
        clock.now = HOST - 30 * SECOND;
        s.periodicOnce();
        assertThat(s.tick()).isEqualTo(TimeSync.MAX_TICK);
        clock.now = HOST + 30 * SECOND;
        s.periodicOnce();
        assertThat(s.tick()).isEqualTo(TimeSync.MIN_TICK);
    }

    @Test
    void withoutCommand55TheLoopOnlyStepsForwardAndResetsAnySlew() throws Exception {
        TimeSync s = start();
        vm.assertReplies("Set_Option time.synchronize.tools.slewCorrection 1", "OK ");
        clock.now = HOST - 300_000;
        s.periodicOnce();
        assertThat(s.tick()).isEqualTo(10025);
        vm.vmx().setTimeFullSupported(false, true);
        s.periodicOnce();
        assertThat(s.tick()).isEqualTo(GuestClock.NOMINAL_TICK);
        clock.now = HOST + 5 * SECOND;
        s.periodicOnce();
        assertThat(clock.steps).as("never backwards from the loop").isEmpty();
        clock.now = HOST - 5 * SECOND;
        s.periodicOnce();
        assertThat(clock.steps).containsExactly(5 * SECOND);
        assertThat(clock.ticks).containsExactly(10025L, GuestClock.NOMINAL_TICK);
    }

    @Test
    void loopStandsAsideForNtpUnlessConfigured() throws Exception {
        TimeSync s = start();
        ntp = true;
        clock.now = HOST - 5 * SECOND;
        s.periodicOnce();
        assertThat(clock.steps).isEmpty();
        assertThat(vm.request("Time_Synchronize 0"))
                .as("one-shot still corrects")
                .isEqualTo("OK ");
        assertThat(clock.steps).containsExactly(5 * SECOND);
    }

    @Test
    void periodicWithNtpOverrides() throws Exception {
        TimeSync s = start(TimeSync.builder(HostClock.of(vm.vmx())).periodicWithNtp(true));
        ntp = true;
        clock.now = HOST - 5 * SECOND;
        s.periodicOnce();
        assertThat(clock.steps).containsExactly(5 * SECOND);
    }

    @Test
    void theRunningLoopCorrectsOnItsOwn() throws Exception {
        start();
        vm.assertReplies("Set_Option time.synchronize.tools.enable 0", "OK ", "Set_Option synctime 1", "OK ");
        clock.now = HOST - 5 * SECOND;
        vm.assertReplies("Set_Option synctime.period 1", "OK "); // restarts the loop: runs at once
        SimulatedVm.await(() -> !clock.steps.isEmpty(), "loop step");
        assertThat(clock.steps.get(0)).isEqualTo(5 * SECOND);
    }

    @Test
    void ntpDetectorFindsNoDaemonInAnEmptyProc(@org.junit.jupiter.api.io.TempDir java.nio.file.Path proc)
            throws Exception {
        java.nio.file.Files.createDirectories(proc.resolve("1"));
        java.nio.file.Files.writeString(proc.resolve("1/comm"), "systemd\n");
        assertThat(NtpDetector.daemonRunning(proc)).isFalse();
        java.nio.file.Files.createDirectories(proc.resolve("42"));
        java.nio.file.Files.writeString(proc.resolve("42/comm"), "chronyd\n");
        assertThat(NtpDetector.daemonRunning(proc)).isTrue();
        assertThat(List.of()).isEmpty();
    }
}
