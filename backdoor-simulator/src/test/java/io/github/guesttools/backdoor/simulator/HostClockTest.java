package io.github.guesttools.backdoor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.hostclock.HostClockCommands;
import io.github.guesttools.backdoor.hostclock.HostTime;
import org.junit.jupiter.api.Test;

/** GETTIME* through the real register encoding of backdoor-transport against the simulated VMX. */
class HostClockTest {
    /** After 2106, so seconds need ESI (high half) and would wrap in GETTIME's 32 bits. */
    private static final long FAR = (5_000_000_000L * 1_000_000) + 123_456;

    private final VmxSimulator vmx = new VmxSimulator();

    @Test
    void command55GivesMaxLagAndInterruptLagApart() throws Exception {
        vmx.setHostClock(() -> FAR);
        vmx.setTimeLags(700, 30);
        assertThat(HostClockCommands.read(vmx)).contains(new HostTime(FAR, 700, 30, 55));
    }

    @Test
    void fallsBackTo46WithLagsAdded() throws Exception {
        vmx.setHostClock(() -> FAR);
        vmx.setTimeLags(700, 30);
        vmx.setTimeFullSupported(false, true);
        HostTime t = HostClockCommands.read(vmx).orElseThrow();
        assertThat(t).isEqualTo(new HostTime(FAR, 730, 0, 46));
        assertThat(t.withLag()).isFalse();
    }

    @Test
    void fallsBackTo23WithThirtyTwoBitSeconds() throws Exception {
        long t2020 = 1_600_000_000L * 1_000_000 + 5;
        vmx.setHostClock(() -> t2020);
        vmx.setTimeFullSupported(false, false);
        assertThat(HostClockCommands.read(vmx)).contains(new HostTime(t2020, 500_000, 0, 23));
    }

    @Test
    void noValidTimeIsEmpty() throws Exception {
        vmx.setHostClock(() -> 0);
        assertThat(HostClockCommands.read(vmx)).isEmpty();
    }

    @Test
    void stopCatchupGuiOptionsAndMhz() throws Exception {
        HostClockCommands.stopCatchup(vmx);
        assertThat(vmx.stopCatchups()).isEqualTo(1);
        vmx.setGuiOptions(HostClockCommands.GUI_SYNC_TIME);
        assertThat(HostClockCommands.guiOptions(vmx) & HostClockCommands.GUI_SYNC_TIME)
                .isNotZero();
        vmx.setCpuMhz(0);
        assertThat(HostClockCommands.mhz(vmx)).isEmpty();
        vmx.setCpuMhz(3100);
        assertThat(HostClockCommands.mhz(vmx)).contains(3100);
    }

    @Test
    void defaultHostClockIsThisMachinesWallClock() throws Exception {
        long before = System.currentTimeMillis() * 1000;
        long host = HostClockCommands.read(vmx).orElseThrow().epochMicros();
        long after = System.currentTimeMillis() * 1000 + 1000;
        // generous: another test on this machine may step the clock a little and put it back
        assertThat(host).isBetween(before - 10_000_000, after + 10_000_000);
    }
}
