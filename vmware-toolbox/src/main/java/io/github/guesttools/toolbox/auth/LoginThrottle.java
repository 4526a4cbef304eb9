package io.github.guesttools.toolbox.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failures for a user, further attempts
 * are refused without checking the password for an exponentially growing period (1 s, 2 s, 4 s, ...
 * up to {@value #MAX_BACKOFF_SECONDS} s). The VMX tells the guest nothing about the client, so the
 * key is the user name, plus one shared key that throttles sprays over many names after
 * {@value #FREE_GLOBAL_FAILURES} failures. A success clears that user's record. Memory is bounded.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final int FREE_GLOBAL_FAILURES = 30;
    static final long MAX_BACKOFF_SECONDS = 60;
    private static final int MAX_TRACKED_USERS = 4096;
    private static final String ANY_USER = "\0any";

    private final LongSupplier nanoClock;
    private final Map<String, Record> records = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > MAX_TRACKED_USERS;
        }
    };

    private static final class Record {
        int failures;
        long blockedUntil;
    }

    /** A throttle on the system's monotonic clock. */
    public LoginThrottle() {
        this(System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds (controllable in tests) */
    public LoginThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized void checkAllowed(String user) throws AuthenticationException {
        long now = nanoClock.getAsLong();
        for (String key : new String[] {user, ANY_USER}) {
            Record r = records.get(key);
            if (r != null && now - r.blockedUntil < 0) {
                throw new AuthenticationException("too many failed logins; " + (key == ANY_USER ? "all users" : user)
                        + " blocked for " + (r.blockedUntil - now) / 1_000_000 + " ms");
            }
        }
    }

    synchronized void failed(String user) {
        long now = nanoClock.getAsLong();
        count(user, FREE_FAILURES, now);
        count(ANY_USER, FREE_GLOBAL_FAILURES, now);
    }

    synchronized void succeeded(String user) {
        records.remove(user);
    }

    private void count(String key, int free, long now) {
        Record r = records.computeIfAbsent(key, k -> new Record());
        r.failures++;
        if (r.failures >= free) {
            int doublings = Math.min(r.failures - free, 6);
            long seconds = Math.min(1L << doublings, MAX_BACKOFF_SECONDS);
            r.blockedUntil = now + seconds * 1_000_000_000L;
        }
    }
}
