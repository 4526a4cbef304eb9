package io.github.guesttools.process.internal.buffer;

/**
 * A shared allowance of bytes (heap or disk held by {@link SpillBuffer}s), optionally inside a
 * larger one: a user's budget within the agent's overall budget. Reservations take from this
 * budget and every enclosing one, or from none.
 */
public final class ByteBudget {
    /** No limit. */
    public static final ByteBudget UNLIMITED = new ByteBudget(Long.MAX_VALUE, null);

    private final long limit;
    private final ByteBudget parent;
    private long used;

    /**
     * @param limit bytes that may be reserved at once
     * @param parent the enclosing budget, or null
     */
    public ByteBudget(long limit, ByteBudget parent) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        this.limit = limit;
        this.parent = parent;
    }

    /** Reserves {@code bytes} here and in every enclosing budget, or nothing; true on success. */
    public boolean tryReserve(long bytes) {
        if (this == UNLIMITED || bytes <= 0) {
            return true;
        }
        synchronized (this) {
            if (limit - used < bytes) {
                return false;
            }
            used += bytes;
        }
        if (parent != null && !parent.tryReserve(bytes)) {
            synchronized (this) {
                used -= bytes;
            }
            return false;
        }
        return true;
    }

    /** Reserves as many of {@code bytes} as fit (here and in every enclosing budget). */
    public long reserveUpTo(long bytes) {
        long want = bytes;
        while (want > 0 && !tryReserve(want)) {
            long free = available();
            want = Math.min(want - 1, free);
        }
        return Math.max(want, 0);
    }

    /** Gives back {@code bytes} reserved earlier. */
    public void release(long bytes) {
        if (this == UNLIMITED || bytes <= 0) {
            return;
        }
        synchronized (this) {
            used = Math.max(0, used - bytes);
        }
        if (parent != null) {
            parent.release(bytes);
        }
    }

    /** Bytes that could be reserved now, here and in every enclosing budget. */
    public long available() {
        long own;
        synchronized (this) {
            own = limit - used;
        }
        return parent == null ? own : Math.min(own, parent.available());
    }

    /** Bytes reserved now. */
    public synchronized long used() {
        return this == UNLIMITED ? 0 : used;
    }
}
