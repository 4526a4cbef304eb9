package io.github.guesttools.rpc.timesync;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.hostclock.HostClockCommands;
import io.github.guesttools.backdoor.hostclock.HostTime;
import java.io.IOException;
import java.util.Optional;

/** The host's clock (a seam: the backdoor in production, a fake in tests). */
public interface HostClock {
    /** One reading; empty when the host has no valid time. */
    Optional<HostTime> read() throws IOException;

    /** Tells the host to stop catching up lost ticks after a step. */
    void stopCatchup() throws IOException;

    /** The host clock read through {@code backdoor} (55, 46, 23). */
    static HostClock of(Backdoor backdoor) {
        return new HostClock() {
            @Override
            public Optional<HostTime> read() throws IOException {
                return HostClockCommands.read(backdoor);
            }

            @Override
            public void stopCatchup() throws IOException {
                HostClockCommands.stopCatchup(backdoor);
            }
        };
    }
}
