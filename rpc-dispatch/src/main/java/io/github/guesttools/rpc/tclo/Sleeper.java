package io.github.guesttools.rpc.tclo;

import java.time.Duration;

/** Waits between polls; injectable so tests can drive the back-off without real sleeps. */
@FunctionalInterface
public interface Sleeper {
    /** The real one: {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    /** Waits {@code duration}; may return early when interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
