package io.github.guesttools.rpc.timesync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The real clock through libc. Only the root test changes it, by 1 ms forward, and puts it back. */
class LinuxClockTest {
    private final LinuxClock clock = new LinuxClock();

    @Test
    void readsTheSameClockAsTheJdkAndANominalishTick() throws Exception {
        long jdk = System.currentTimeMillis() * 1000;
        // generous: another process may step the clock a little
        assertThat(clock.nowMicros()).isBetween(jdk - 10_000_000, jdk + 10_000_000);
        assertThat(clock.tick()).isBetween(TimeSync.MIN_TICK, TimeSync.MAX_TICK);
        clock.kernelSynchronized(); // must not throw
    }

    @Test
    void rootStepsForwardAndBack() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("LinuxClockTest.rootStepsForwardAndBack skipped: needs root for clock_settime");
        }
        assumeTrue(root, "needs root for clock_settime");
        long step = 1000; // 1 ms: small enough not to disturb anything else on the machine
        long before = clock.nowMicros();
        clock.step(step);
        try {
            long after = clock.nowMicros();
            assertThat(after - before).isGreaterThanOrEqualTo(step);
        } finally {
            clock.step(-step);
        }
    }
}
