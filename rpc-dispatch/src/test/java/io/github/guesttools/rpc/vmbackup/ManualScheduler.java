package io.github.guesttools.rpc.vmbackup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A fake clock: timers run only when {@link #advance} passes their due time, on the caller's thread. */
final class ManualScheduler implements Scheduler {
    private static final class Task {
        final long due;
        final Runnable run;
        boolean cancelled;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toMillis(), task);
        tasks.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                t.cancelled = true;
                tasks.remove(t);
            }
        };
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            tasks.clear();
        }
    }

    /** Moves the clock forward, running every task that falls due, in due order. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> t.due <= target)
                        .min(Comparator.comparingLong(t -> t.due))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = next.due;
            }
            next.run.run();
        }
    }

    /** Timers not yet run or cancelled. */
    synchronized int pending() {
        return tasks.size();
    }
}
