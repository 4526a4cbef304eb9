package io.github.guesttools.identity;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root agent: runs each action on a worker thread that has become the user (real, effective,
 * saved-set and file-system ids, supplementary groups, no effective capabilities; see {@link
 * KernelThreadCredentials}) and becomes root again afterwards.
 *
 * <p>Workers are started on demand, when an action is queued and no worker is free, up to {@code
 * threads}, and then kept: an idle agent holds no worker threads (each costs stack and native
 * memory), and a burst finds the ones its predecessors left.
 *
 * <p>A worker whose switch back cannot be verified is retired: it takes no further task, the
 * thread ends and is never reused, and a replacement is started by the supervisor thread. A new
 * thread inherits the credentials of the thread that starts it, so workers are only ever started
 * by the supervisor, which is started by the (root) thread that creates this object and never acts
 * as anyone; each new worker also verifies that it is root before taking a task.
 *
 * <p>Fairness: one user has at most {@code perUser} actions on workers at once; further actions of
 * that user wait (without holding a worker) up to {@code queueWait}, then fail. So a user whose
 * actions hang can only ever hold {@code perUser} of the {@code threads} workers.
 */
final class ThreadCredentialRunAs implements RunAs {
    /** Workers in the pool. */
    static final int DEFAULT_THREADS = 16;
    /** Workers one user may hold at once. */
    static final int DEFAULT_PER_USER = 4;
    /**
     * How long a user's further action waits for one of their worker slots. Short, because the
     * waiting request still holds one of the TCLO loop's in-progress slots, which all users share.
     */
    static final Duration DEFAULT_QUEUE_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ThreadCredentialRunAs.class);

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> spawns = new LinkedBlockingQueue<>();
    private final AtomicInteger names = new AtomicInteger();
    /** Workers started or requested and not retired; at most {@link #threads}. */
    private final AtomicInteger workers = new AtomicInteger();
    /** Workers waiting for a task. */
    private final AtomicInteger idle = new AtomicInteger();

    private final int threads;
    private final int perUser;
    private final Duration queueWait;
    private final ThreadCredentials credentials;
    private final Map<Integer, Semaphore> slots = new ConcurrentHashMap<>();

    ThreadCredentialRunAs(int threads, int perUser, Duration queueWait, ThreadCredentials credentials) {
        if (threads < 1 || perUser < 1) {
            throw new IllegalArgumentException("need at least one worker per user");
        }
        this.threads = threads;
        this.perUser = perUser;
        this.queueWait = queueWait;
        this.credentials = credentials;
        Thread supervisor = new Thread(this::supervise, "guest-runas-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /**
     * Asks the supervisor for one more worker while tasks are queued and none is free, up to the
     * pool size. Called after each task is queued and after each worker takes one, so a queued task
     * never waits for a busy worker while the pool may still grow (a user's hung actions must not
     * delay another user's).
     */
    private void growIfNeeded() {
        while (tasks.size() > idle.get()) {
            int n = workers.get();
            if (n >= threads) {
                return;
            }
            if (workers.compareAndSet(n, n + 1)) {
                spawns.add(Boolean.TRUE);
                return;
            }
        }
    }

    /** @return the workers started or requested and not retired (tests) */
    int workers() {
        return workers.get();
    }

    /** Starts every worker, so that each inherits the supervisor's root credentials. */
    private void supervise() {
        while (true) {
            try {
                spawns.take();
            } catch (InterruptedException e) {
                return;
            }
            Thread worker = new Thread(this::work, "guest-runas-" + names.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void work() {
        if (!credentials.restore()) {
            // Not even a fresh thread can be root: starting more would only loop.
            // (not counted as a worker any more; the next queued task asks for another)
            workers.decrementAndGet();
            LOG.error(
                    "{}: a new worker is not root; not started",
                    Thread.currentThread().getName());
            return;
        }
        // Idle from here; each task counts its worker idle again before its caller hears back
        // (runSwitched), so a caller's next action finds this worker free instead of growing the pool.
        idle.incrementAndGet();
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                idle.decrementAndGet();
                workers.decrementAndGet();
                return;
            }
            idle.decrementAndGet();
            growIfNeeded();
            try {
                task.run();
            } catch (WorkerRetired e) {
                LOG.error("{}", e.getMessage());
                workers.decrementAndGet();
                growIfNeeded();
                return;
            }
        }
    }

    @Override
    public boolean canRunAs(Account user) {
        return true;
    }

    @Override
    public <T> T run(Account user, IoAction<T> action) throws IOException {
        Semaphore slot = slots.computeIfAbsent(user.uid(), uid -> new Semaphore(perUser));
        try {
            if (!slot.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("too many operations in progress for " + user.name() + "; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to run as " + user.name());
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> runSwitched(user, action, result, slot));
        growIfNeeded();
        return await(user, result);
    }

    /**
     * Runs one action as {@code user}, then makes the worker root again before the caller hears the
     * outcome: the worker counts as idle by then, and is retired if it cannot be root again.
     */
    private <T> void runSwitched(Account user, IoAction<T> action, CompletableFuture<T> result, Semaphore slot) {
        T value = null;
        Throwable failure = null;
        try {
            credentials.become(user);
            value = action.run();
        } catch (Throwable t) {
            failure = t;
        }
        boolean restored = credentials.restore();
        slot.release();
        if (restored) {
            idle.incrementAndGet();
        }
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(failure);
        }
        if (!restored) {
            // Ends this worker's loop: the thread is never reused and a fresh root one replaces it.
            throw new WorkerRetired(Thread.currentThread().getName()
                    + " could not verifiably become root again after acting as " + user.name() + "; retired");
        }
    }

    private static <T> T await(Account user, CompletableFuture<T> result) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running as " + user.name());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /** Thrown out of a task whose worker's identity is unknown, so that the worker ends. */
    static final class WorkerRetired extends Error {
        private static final long serialVersionUID = 1L;

        WorkerRetired(String message) {
            super(message);
        }
    }
}
