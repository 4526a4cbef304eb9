package io.github.guesttools.toolbox.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing, per user name and overall, with failure counts that decay with
 * time. The VMX tells the guest nothing about the client, so the key is the user name.
 *
 * <ul>
 *   <li><b>Per user name:</b> each failure adds one to the name's score, which decays by one every
 *       {@value #USER_DECAY_SECONDS} s. From {@value #FREE_FAILURES} on, attempts for that name are
 *       refused without checking the password for 1 s, 2 s, 4 s, ... (at most {@value
 *       #MAX_BACKOFF_SECONDS} s) after its last failure. A success clears the name's record.
 *   <li><b>Overall:</b> every failure also adds one to a shared score, which decays by one every
 *       {@value #GLOBAL_DECAY_SECONDS} s (so one failure a minute never builds up). While it is at
 *       {@value #FREE_GLOBAL_FAILURES} or more (a spray over many names), a name has no free
 *       failures: its first failure starts its back-off.
 * </ul>
 *
 * <p><b>Bound for users who are not under attack:</b> the overall score never blocks a name by
 * itself; it only shortens the free failures of names that have failed. So a correct password for
 * a name with no recent failures of its own is checked at once, whatever other names suffer: it is
 * refused because of other users' failures for 0 s. A name that did fail is blocked at most {@value
 * #MAX_BACKOFF_SECONDS} s after its own last failure.
 *
 * <p>Memory is bounded: at most {@value #MAX_TRACKED_USERS} names are remembered (least recently
 * used first out).
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final int FREE_GLOBAL_FAILURES = 30;
    static final long MAX_BACKOFF_SECONDS = 60;
    static final long USER_DECAY_SECONDS = 60;
    static final long GLOBAL_DECAY_SECONDS = 10;
    private static final long SECOND = 1_000_000_000L;
    private static final int MAX_TRACKED_USERS = 16_384;

    private final LongSupplier nanoClock;
    private final Score global;
    private final Map<String, Record> records = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > MAX_TRACKED_USERS;
        }
    };

    /** A count that loses one every {@code decayNanos}. */
    private static final class Score {
        private final long decayNanos;
        private double value;
        private long updated;

        Score(long decayNanos, long now) {
            this.decayNanos = decayNanos;
            this.updated = now;
        }

        double at(long now) {
            value = Math.max(0, value - (double) (now - updated) / decayNanos);
            updated = now;
            return value;
        }

        void add(long now) {
            at(now);
            value++;
        }
    }

    private static final class Record {
        final Score failures;
        long blockedUntil;

        Record(long now) {
            failures = new Score(USER_DECAY_SECONDS * SECOND, now);
            blockedUntil = now;
        }
    }

    /** A throttle on the system's monotonic clock. */
    public LoginThrottle() {
        this(System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds (controllable in tests) */
    public LoginThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.global = new Score(GLOBAL_DECAY_SECONDS * SECOND, nanoClock.getAsLong());
    }

    synchronized void checkAllowed(String user) throws AuthenticationException {
        long now = nanoClock.getAsLong();
        Record r = records.get(user);
        if (r != null && now - r.blockedUntil < 0) {
            throw new AuthenticationException(
                    "too many failed logins; " + user + " blocked for " + (r.blockedUntil - now) / 1_000_000 + " ms");
        }
    }

    synchronized void failed(String user) {
        long now = nanoClock.getAsLong();
        boolean spray = global.at(now) >= FREE_GLOBAL_FAILURES;
        global.add(now);
        Record r = records.computeIfAbsent(user, k -> new Record(now));
        r.failures.add(now);
        int free = spray ? 1 : FREE_FAILURES;
        int over = (int) Math.ceil(r.failures.at(now)) - free;
        if (over >= 0) {
            long seconds = Math.min(1L << Math.min(over, 6), MAX_BACKOFF_SECONDS);
            r.blockedUntil = now + seconds * SECOND;
        }
    }

    synchronized void succeeded(String user) {
        records.remove(user);
    }
}
