package io.github.guesttools.identity;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes daemon threads that are always started by one thread with the agent's own identity,
 * whichever thread asks for them.
 *
 * <p>Why: Linux credentials belong to threads, and a new thread inherits its creator's. A pool
 * that grows lazily starts a thread from whichever thread submits work; when that is a {@link
 * RunAs} worker acting as a user, the new thread keeps the user's identity and the pool then reuses
 * it for everyone. With this factory a pool's threads are started by a starter thread that this
 * factory starts when it is constructed, so construct it on a thread with the agent's identity
 * (as the agent does while it builds its services).
 */
public final class AgentThreadFactory implements ThreadFactory, AutoCloseable {
    private final String prefix;
    private final AtomicInteger ids = new AtomicInteger();
    private final ThreadPoolExecutor starter;
    private volatile Thread starterThread;

    /** @param prefix the name prefix of the threads made, followed by a number */
    public AgentThreadFactory(String prefix) {
        this.prefix = prefix;
        this.starter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, prefix + "starter");
            t.setDaemon(true);
            starterThread = t;
            return t;
        });
        starter.prestartAllCoreThreads(); // now, with the constructing thread's identity
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + ids.incrementAndGet()) {
            @Override
            public void start() {
                if (Thread.currentThread() == starterThread) {
                    super.start();
                    return;
                }
                await(starter.submit(() -> super.start()));
            }
        };
        thread.setDaemon(true);
        return thread;
    }

    /** Stops the starter thread; threads asked for later cannot be started. */
    @Override
    public void close() {
        starter.shutdown();
    }

    private static void await(Future<?> started) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    started.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the start is quick and must not be abandoned half-way
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
