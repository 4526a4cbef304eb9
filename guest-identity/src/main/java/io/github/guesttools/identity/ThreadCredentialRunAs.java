package io.github.guesttools.identity;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root agent: runs each action on a worker thread that has become the user (real, effective,
 * saved-set and file-system ids, supplementary groups, no effective capabilities; see {@link
 * KernelThreadCredentials}) and becomes root again afterwards.
 *
 * <p>A worker whose switch back cannot be verified is retired: the task throws out of the pool's
 * worker loop, the thread ends and is never reused, and the pool starts a fresh root thread.
 *
 * <p>Fairness: one user has at most {@code perUser} actions on workers at once; further actions of
 * that user wait (without holding a worker) up to {@code queueWait}, then fail. So a user whose
 * actions hang can only ever hold {@code perUser} of the {@code threads} workers.
 */
final class ThreadCredentialRunAs implements RunAs {
    /** Workers in the pool (idle ones end after a minute). */
    static final int DEFAULT_THREADS = 16;
    /** Workers one user may hold at once. */
    static final int DEFAULT_PER_USER = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ThreadCredentialRunAs.class);

    private final ThreadPoolExecutor workers;
    private final int perUser;
    private final Duration queueWait;
    private final ThreadCredentials credentials;
    private final Map<Integer, Semaphore> slots = new ConcurrentHashMap<>();

    ThreadCredentialRunAs(int threads, int perUser, Duration queueWait, ThreadCredentials credentials) {
        if (threads < 1 || perUser < 1) {
            throw new IllegalArgumentException("need at least one worker per user");
        }
        this.perUser = perUser;
        this.queueWait = queueWait;
        this.credentials = credentials;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "guest-runas-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setUncaughtExceptionHandler((thread, e) -> LOG.error("{}: {}", thread.getName(), e.getMessage()));
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
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
        try {
            workers.execute(() -> runSwitched(user, action, result, slot));
        } catch (RuntimeException e) {
            slot.release();
            throw new IOException("cannot run as " + user.name() + ": " + e, e);
        }
        return await(user, result);
    }

    private <T> void runSwitched(Account user, IoAction<T> action, CompletableFuture<T> result, Semaphore slot) {
        try {
            credentials.become(user);
            result.complete(action.run());
        } catch (Throwable t) {
            result.completeExceptionally(t);
        } finally {
            boolean restored = credentials.restore();
            slot.release();
            if (!restored) {
                // Escapes the pool's worker loop: this thread ends and a fresh root one replaces it.
                throw new WorkerRetired(Thread.currentThread().getName()
                        + " could not verifiably become root again after acting as " + user.name() + "; retired");
            }
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

    /** Thrown out of a worker whose identity is unknown, so that the thread dies. */
    static final class WorkerRetired extends Error {
        private static final long serialVersionUID = 1L;

        WorkerRetired(String message) {
            super(message);
        }
    }
}
