package io.github.guesttools.mdata.client;

/** The overall time limit of one call; {@link #NONE} waits forever, as mdata-client does. */
final class Deadline {
    static final Deadline NONE = new Deadline(Long.MAX_VALUE, 0);

    private final long endNanos;
    private final long limitMillis;

    private Deadline(long endNanos, long limitMillis) {
        this.endNanos = endNanos;
        this.limitMillis = limitMillis;
    }

    static Deadline after(long millis) {
        return new Deadline(System.nanoTime() + millis * 1_000_000L, millis);
    }

    boolean isBounded() {
        return endNanos != Long.MAX_VALUE;
    }

    /** Milliseconds left, capped at {@code cap}; 0 once expired. */
    long remainingMillis(long cap) {
        if (!isBounded()) {
            return cap;
        }
        long left = (endNanos - System.nanoTime()) / 1_000_000L;
        return Math.max(0, Math.min(cap, left));
    }

    boolean expired() {
        return isBounded() && endNanos - System.nanoTime() <= 0;
    }

    void check(String waitingFor) throws MetadataTimeoutException {
        if (expired()) {
            throw new MetadataTimeoutException("no reply from the metadata host (" + waitingFor
                    + ") within the deadline of " + limitMillis + " ms");
        }
    }
}
