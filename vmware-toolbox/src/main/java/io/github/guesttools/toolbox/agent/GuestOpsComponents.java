package io.github.guesttools.toolbox.agent;

import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.guestops.HgfsOperations;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process table, the HGFS server and the VIX dispatcher, built after the agent has answered its
 * first TCLO poll rather than before: they are most of the agent's start-up work (JNA, the process
 * table's threads and spill directory, HGFS's session table) and no host sends a guest operation
 * before the tools are up. {@link #startBuilding} builds them on a thread of their own right after
 * TCLO starts; a request that comes first waits for that build (or builds them itself).
 *
 * <p>A build that fails is not retried: every later request gets the same error (the agent keeps
 * answering TCLO, power and guest info).
 */
final class GuestOpsComponents<T> {
    private static final Logger LOG = LoggerFactory.getLogger(GuestOpsComponents.class);

    /** What the VIX relay and TCLO {@code f} need; closed together. */
    record Parts(ProcessManager processes, HgfsOperations hgfs, VixDispatcher vix) {
        void close() {
            hgfs.close();
            try {
                processes.close();
            } catch (IOException e) {
                LOG.warn("closing the process table: {}", e.toString());
            }
        }
    }

    private final Supplier<T> factory;
    private final Consumer<T> closer;
    /** Volatile: {@link #built} reads it without waiting for a build in progress. */
    private volatile T parts;

    private RuntimeException failure;
    private boolean closed;
    /** Released by {@link #close}: a pending warm-up build is not started (no interrupt: a build in progress must not see one). */
    private final CountDownLatch stopping = new CountDownLatch(1);

    /**
     * @param factory builds the parts (called at most once)
     * @param closer closes what the factory built
     */
    GuestOpsComponents(Supplier<T> factory, Consumer<T> closer) {
        this.factory = factory;
        this.closer = closer;
    }

    /**
     * Builds the parts on a new thread after {@code delay}, unless a request has built them by then.
     * The delay keeps the build off the CPU while the agent answers the host's first TCLO messages
     * (a guest boot is a busy time; a request in the meantime builds them at once). The thread is
     * started by the caller, so it has the caller's (the agent's) credentials: the process table's
     * threads inherit them from it.
     *
     * @return the warm-up thread (tests join it)
     */
    Thread startBuilding(Duration delay) {
        Thread t = new Thread(
                () -> {
                    try {
                        if (!stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                            get();
                        }
                    } catch (InterruptedException e) {
                        // closed before the build: nothing to do
                    } catch (RuntimeException e) {
                        // logged by get(); requests report it
                    }
                },
                "vmware-toolbox-guestops-init");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * @return the parts, built on the first call
     * @throws IllegalStateException after {@link #close} or when the build failed
     */
    synchronized T get() {
        if (closed) {
            throw new IllegalStateException("the agent is stopping");
        }
        if (failure != null) {
            throw new IllegalStateException("guest operations are unavailable: " + failure.getMessage(), failure);
        }
        if (parts == null) {
            try {
                parts = factory.get();
            } catch (RuntimeException e) {
                failure = e;
                LOG.error("cannot set up guest operations (processes, files, HGFS): {}", e.toString());
                throw new IllegalStateException("guest operations are unavailable: " + e.getMessage(), e);
            }
        }
        return parts;
    }

    /** @return true once built (a test hook; nothing else may depend on the timing) */
    boolean built() {
        return parts != null;
    }

    /** Closes what was built (waiting for a build in progress); later requests are refused. */
    void close() {
        stopping.countDown();
        closeParts();
    }

    private synchronized void closeParts() {
        closed = true;
        T p = parts;
        parts = null;
        if (p != null) {
            closer.accept(p);
        }
    }
}
