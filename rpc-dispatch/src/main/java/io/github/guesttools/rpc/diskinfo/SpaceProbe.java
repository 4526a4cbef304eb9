package io.github.guesttools.rpc.diskinfo;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the space of many file systems within one time bound ({@code guest-info-disks.md} §3.2): a
 * {@code statvfs} on a hung mount (a dead disk, a file system stuck in error handling) blocks its thread
 * in the kernel and cannot be interrupted, so it must never hold up the caller.
 *
 * <p>A probe thread reads the mounts one after another. When one read takes longer than a quarter of
 * the bound, that thread is left to finish it alone and a new thread goes on with the rest. At the
 * bound the caller gets what has answered; the rest are "unanswered". What a stuck mount can make us
 * hold: its one thread, never a second (a mount whose earlier read has not returned is not read again
 * until it does), and at most {@link #MAX_THREADS} probe threads in all (past that, the remaining mounts
 * of the cycle go unanswered). Threads end when their read returns; an idle collector holds none.
 */
final class SpaceProbe {
    /** Probe threads at most, stuck or working. */
    static final int MAX_THREADS = 4;

    /**
     * One cycle's answers.
     *
     * @param spaces the mounts that answered
     * @param failures the mounts whose read failed, with why
     * @param unanswered the mounts without an answer in time (or still stuck from an earlier cycle)
     */
    record Result(Map<String, DiskSpace> spaces, Map<String, Exception> failures, Set<String> unanswered) {}

    private final DiskSpace.Reader reader;
    private final int maxThreads;
    /** Mounts with a read in progress on some probe thread (of this cycle or an earlier one). */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger serial = new AtomicInteger();

    SpaceProbe(DiskSpace.Reader reader, int maxThreads) {
        this.reader = reader;
        this.maxThreads = maxThreads;
    }

    /** Probe threads alive now (tests, diagnostics). */
    int threads() {
        return threads.get();
    }

    /** Reads {@code mountPoints} (duplicates once each) within {@code bound}; one cycle at a time. */
    synchronized Result read(List<String> mountPoints, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        long slice = Math.max(bound.toNanos() / 4, 1);
        Set<String> unanswered = new LinkedHashSet<>();
        Queue<String> queue = new ConcurrentLinkedQueue<>();
        for (String m : new LinkedHashSet<>(mountPoints)) {
            if (busy.contains(m)) {
                unanswered.add(m); // still stuck from an earlier cycle: no second thread for it
            } else {
                queue.add(m);
            }
        }
        int expected = queue.size();
        Cycle cycle = new Cycle(queue);
        synchronized (cycle) {
            Prober active = null;
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline || cycle.spaces.size() + cycle.failures.size() >= expected) {
                    break;
                }
                if (active != null && active.finished) {
                    active = null;
                }
                if (active != null && active.current != null && now - active.since >= slice) {
                    // slow: leave this thread to its read; the rest go on on a new one
                    active.abandoned = true;
                    active = null;
                }
                if (active == null && !queue.isEmpty()) {
                    active = start(cycle); // null at the thread cap: retried when a thread ends
                }
                long wake = deadline;
                if (active != null && active.current != null) {
                    wake = Math.min(deadline, active.since + slice);
                }
                long waitNanos = Math.max(wake - now, 1);
                cycle.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
            cycle.closed = true;
            Map<String, DiskSpace> spaces = new HashMap<>(cycle.spaces);
            Map<String, Exception> failures = new HashMap<>(cycle.failures);
            for (String m : mountPoints) {
                if (!spaces.containsKey(m) && !failures.containsKey(m)) {
                    unanswered.add(m);
                }
            }
            return new Result(spaces, failures, unanswered);
        }
    }

    /** A new probe thread on the cycle's queue, or null when {@link #MAX_THREADS} are alive. */
    private Prober start(Cycle cycle) {
        if (cycle.queue.isEmpty()) {
            return null;
        }
        while (true) {
            int n = threads.get();
            if (n >= maxThreads) {
                return null;
            }
            if (threads.compareAndSet(n, n + 1)) {
                break;
            }
        }
        Prober p = new Prober(cycle);
        Thread t = new Thread(p, "diskinfo-probe-" + serial.incrementAndGet());
        t.setDaemon(true);
        try {
            t.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            threads.decrementAndGet();
            return null;
        }
        return p;
    }

    /** The shared state of one {@link #read} call; its monitor wakes the caller. */
    private static final class Cycle {
        final Queue<String> queue;
        final Map<String, DiskSpace> spaces = new HashMap<>();
        final Map<String, Exception> failures = new HashMap<>();
        boolean closed;

        Cycle(Queue<String> queue) {
            this.queue = queue;
        }
    }

    private final class Prober implements Runnable {
        final Cycle cycle;
        volatile String current;
        volatile long since;
        volatile boolean abandoned;
        volatile boolean finished;

        Prober(Cycle cycle) {
            this.cycle = cycle;
        }

        @Override
        public void run() {
            try {
                String m;
                while (!abandoned && (m = cycle.queue.poll()) != null) {
                    if (!busy.add(m)) {
                        continue; // another thread is (still) inside this mount
                    }
                    since = System.nanoTime();
                    current = m;
                    synchronized (cycle) {
                        cycle.notifyAll(); // the caller times this read from now
                    }
                    DiskSpace space = null;
                    Exception failure = null;
                    try {
                        space = reader.read(m);
                    } catch (Exception e) {
                        failure = e;
                    } finally {
                        busy.remove(m);
                        current = null;
                    }
                    synchronized (cycle) {
                        if (!cycle.closed) {
                            if (space != null) {
                                cycle.spaces.put(m, space);
                            } else {
                                cycle.failures.put(m, failure);
                            }
                        }
                        cycle.notifyAll();
                    }
                }
            } finally {
                threads.decrementAndGet();
                finished = true;
                synchronized (cycle) {
                    cycle.notifyAll();
                }
            }
        }
    }
}
