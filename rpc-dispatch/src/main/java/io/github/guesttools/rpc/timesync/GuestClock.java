package io.github.guesttools.rpc.timesync;

import java.io.IOException;

/** The guest's real-time clock (a seam: {@link LinuxClock} in production, a fake in tests). */
public interface GuestClock {
    /** The nominal tick length in microseconds with USER_HZ 100. */
    long NOMINAL_TICK = 10_000;

    /** The current time, microseconds since the epoch. */
    long nowMicros() throws IOException;

    /** Moves the clock by {@code deltaMicros} (negative = backwards). */
    void step(long deltaMicros) throws IOException;

    /** Sets the tick length (slewing); {@link #NOMINAL_TICK} runs the clock at its normal rate. */
    void setTick(long tickMicros) throws IOException;

    /** Whether something (an NTP daemon) is disciplining the clock: the kernel reports it synchronised. */
    boolean kernelSynchronized() throws IOException;
}
