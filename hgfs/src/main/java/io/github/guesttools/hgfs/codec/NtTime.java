package io.github.guesttools.hgfs.codec;

import java.time.Instant;

/** Windows NT time: 100-ns ticks since 1601-01-01 UTC, as HGFS carries every time. */
public final class NtTime {
    private static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L;

    private NtTime() {}

    /** The NT ticks for {@code t} (0 for times before 1601). */
    public static long of(Instant t) {
        long seconds = t.getEpochSecond() + EPOCH_OFFSET_SECONDS;
        if (seconds < 0) {
            return 0;
        }
        return Math.addExact(Math.multiplyExact(seconds, 10_000_000L), t.getNano() / 100);
    }

    /** The instant for NT ticks (treated as unsigned; values beyond year 30828 saturate). */
    public static Instant toInstant(long ticks) {
        long t = ticks < 0 ? Long.MAX_VALUE : ticks;
        return Instant.ofEpochSecond(t / 10_000_000L - EPOCH_OFFSET_SECONDS, (t % 10_000_000L) * 100);
    }
}
