package io.github.guesttools.toolbox.dispatch;

import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import java.util.HashMap;
import java.util.Map;

/**
 * The VIX requests each user name has in progress, so that one user cannot hold every TCLO worker
 * (a request that overruns the TCLO handler bound keeps its worker until it ends). The key is the
 * name the request claims, counted before the password is checked, so a flood of slow or failing
 * logins for one name is bounded the same way; a name is forgotten when its last request ends.
 */
final class RequestsInProgress {
    private final int maxPerUser;
    private final Map<String, Integer> counts = new HashMap<>();

    RequestsInProgress(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /** One request in progress; closing it ends the request's count. */
    interface Slot extends AutoCloseable {
        Slot NONE = () -> {};

        @Override
        void close();
    }

    /**
     * @param user the claimed user name
     * @return the slot to close when the request ends
     * @throws VixException {@link VixError#OBJECT_IS_BUSY} when {@code user} already has the maximum in progress
     */
    synchronized Slot enter(String user) throws VixException {
        int n = counts.getOrDefault(user, 0);
        if (n >= maxPerUser) {
            throw new VixException(
                    VixError.OBJECT_IS_BUSY, user + " already has " + maxPerUser + " guest operations in progress");
        }
        counts.put(user, n + 1);
        boolean[] closed = new boolean[1];
        return () -> {
            synchronized (this) {
                if (!closed[0]) {
                    closed[0] = true;
                    counts.computeIfPresent(user, (k, v) -> v > 1 ? v - 1 : null);
                }
            }
        };
    }
}
