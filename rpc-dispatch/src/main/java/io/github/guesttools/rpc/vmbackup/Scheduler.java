package io.github.guesttools.rpc.vmbackup;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the state machine's timers (keep-alive and the bounds). A seam: tests advance a fake clock.
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Timer {
        /** Cancels the task if it has not run yet. */
        void cancel();
    }

    /** Runs {@code task} once after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);

    /** Stops; pending tasks are dropped. */
    void shutdown();

    /**
     * One daemon thread that exists only while timers are pending (it ends a few seconds after the last
     * one): an idle agent has no thread and no periodic job for quiescing.
     */
    static Scheduler daemonThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setKeepAliveTime(5, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return new Scheduler() {
            @Override
            public Timer schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void shutdown() {
                executor.shutdownNow();
            }
        };
    }
}
