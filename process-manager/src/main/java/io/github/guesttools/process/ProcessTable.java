package io.github.guesttools.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes this manager started, in start order, each kept until the retention time after
 * its end has passed. The size is capped: when full, the oldest ended entries leave early; when
 * every entry still runs, nothing new is admitted.
 */
final class ProcessTable {
    private final Map<Long, TrackedProcess> entries = new LinkedHashMap<>();
    private final int capacity;
    private final Duration retention;
    private final PseudoPids pseudoPids;
    /** Starts admitted by {@link #reserve} whose entry is not added yet. */
    private int reserved;
    /** The same, per user. */
    private final Map<String, Integer> reservedBy = new java.util.HashMap<>();

    ProcessTable(int capacity, Duration retention, PseudoPids pseudoPids) {
        this.capacity = capacity;
        this.retention = retention;
        this.pseudoPids = pseudoPids;
    }

    synchronized TrackedProcess get(long pid) {
        return entries.get(pid);
    }

    synchronized List<TrackedProcess> snapshot() {
        return new ArrayList<>(entries.values());
    }

    /**
     * Reserves room for one more entry, evicting the oldest ended ones if needed. Every successful
     * call must be followed by {@link #add} or {@link #unreserve}.
     *
     * @return the evicted entries, whose resources the caller releases
     */
    synchronized List<TrackedProcess> reserve(String user, int maxRunningPerUser) throws TooManyProcessesException {
        long running = reservedBy.getOrDefault(user, 0)
                + entries.values().stream()
                        .filter(e -> e.owner.equals(user) && e.running())
                        .count();
        if (running >= maxRunningPerUser) {
            throw new TooManyProcessesException(user + " already runs " + running + " programs (the limit per user)");
        }
        List<TrackedProcess> evicted = new ArrayList<>();
        Iterator<TrackedProcess> it = entries.values().iterator();
        while (entries.size() + reserved >= capacity && it.hasNext()) {
            TrackedProcess entry = it.next();
            if (!entry.running()) {
                it.remove();
                release(entry);
                evicted.add(entry);
            }
        }
        if (entries.size() + reserved >= capacity) {
            throw new TooManyProcessesException("already tracking " + capacity + " running processes");
        }
        reserved++;
        reservedBy.merge(user, 1, Integer::sum);
        return evicted;
    }

    /** Gives back a reservation whose start failed. */
    synchronized void unreserve(String user) {
        reserved--;
        reservedBy.computeIfPresent(user, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Reserves a pseudo-pid for a function. */
    synchronized long allocatePseudoPid() throws TooManyProcessesException {
        long pid = pseudoPids.allocate();
        if (pid < 0) {
            throw new TooManyProcessesException("no free pseudo-pid");
        }
        return pid;
    }

    /** Returns an unused pseudo-pid (a function that could not be added). */
    synchronized void releasePseudoPid(long pid) {
        pseudoPids.release(pid);
    }

    /**
     * Adds an entry. An OS pid is reused only after its previous holder was reaped, so an entry
     * already there for the same number is an ended process: it gives way.
     *
     * @return the displaced entry, whose resources the caller releases, or null
     */
    synchronized TrackedProcess add(TrackedProcess entry) {
        reserved--;
        reservedBy.computeIfPresent(entry.owner, (k, n) -> n > 1 ? n - 1 : null);
        TrackedProcess previous = entries.remove(entry.pid);
        entries.put(entry.pid, entry);
        return previous;
    }

    /**
     * Removes entries that ended at least the retention time before {@code now}.
     *
     * @return the removed entries, whose resources the caller releases
     */
    synchronized List<TrackedProcess> expire(Instant now) {
        List<TrackedProcess> expired = new ArrayList<>();
        Iterator<TrackedProcess> it = entries.values().iterator();
        while (it.hasNext()) {
            TrackedProcess entry = it.next();
            Instant ended = entry.ended();
            if (ended != null && !now.isBefore(ended.plus(retention))) {
                it.remove();
                release(entry);
                expired.add(entry);
            }
        }
        return expired;
    }

    synchronized List<TrackedProcess> clear() {
        List<TrackedProcess> all = new ArrayList<>(entries.values());
        all.forEach(this::release);
        entries.clear();
        return all;
    }

    boolean isPseudoPid(long pid) {
        return pseudoPids.contains(pid);
    }

    private void release(TrackedProcess entry) {
        if (entry.function) {
            pseudoPids.release(entry.pid);
        }
    }
}
