package io.github.guesttools.rpc.tclo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Supervises the poll thread from a thread of its own: the thread's end, and its progress. The loop
 * calls {@link #beat()} on every iteration and around every wait; a loop that has not beaten for the
 * stall bound is hung (blocked in a channel call or a poll-thread handler) and is reported like a
 * dead one. It wakes once per check interval (seconds), so an idle agent pays one wake-up per interval.
 */
final class PollWatchdog {
    private static final int MAX_FRAMES = 40;

    private final LongSupplier ticker;
    private final long boundNanos;
    private final long checkMillis;
    private volatile long lastBeat;

    /**
     * @param ticker     monotonic nanoseconds ({@code System::nanoTime}; a test's own clock)
     * @param bound      how long the loop may go without a beat
     * @param checkEvery how often the watchdog looks
     */
    PollWatchdog(LongSupplier ticker, Duration bound, Duration checkEvery) {
        this.ticker = ticker;
        this.boundNanos = bound.toNanos();
        this.checkMillis = Math.max(1, checkEvery.toMillis());
        this.lastBeat = ticker.getAsLong();
    }

    /** Records progress of the loop. */
    void beat() {
        lastBeat = ticker.getAsLong();
    }

    /**
     * Watches until {@code poll} ends, hangs, or is no longer {@code current} (stopped).
     *
     * @return the failure to report, or null when the service was stopped
     * @throws InterruptedException when this thread is interrupted
     */
    Throwable watch(Thread poll, BooleanSupplier current) throws InterruptedException {
        while (true) {
            poll.join(checkMillis);
            if (!poll.isAlive()) {
                return new IllegalStateException("the TCLO poll thread ended");
            }
            if (!current.getAsBoolean()) {
                return null;
            }
            long quiet = ticker.getAsLong() - lastBeat;
            if (quiet > boundNanos) {
                return stalled(poll, quiet);
            }
        }
    }

    /** A failure whose message carries the poll thread's state and stack, so one log line shows where it hangs. */
    private IllegalStateException stalled(Thread poll, long quietNanos) {
        StackTraceElement[] stack = poll.getStackTrace();
        StringBuilder text = new StringBuilder("the TCLO poll loop made no progress for ")
                .append(TimeUnit.NANOSECONDS.toSeconds(quietNanos))
                .append(" s (bound ")
                .append(TimeUnit.NANOSECONDS.toSeconds(boundNanos))
                .append(" s); ")
                .append(poll.getName())
                .append(' ')
                .append(poll.getState());
        for (int i = 0; i < Math.min(stack.length, MAX_FRAMES); i++) {
            text.append(i == 0 ? " at " : " <- ").append(stack[i]);
        }
        if (stack.length > MAX_FRAMES) {
            text.append(" <- ... ").append(stack.length - MAX_FRAMES).append(" more");
        }
        IllegalStateException failure = new IllegalStateException(text.toString());
        failure.setStackTrace(stack);
        return failure;
    }
}
