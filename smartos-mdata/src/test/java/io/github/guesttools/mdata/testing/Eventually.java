package io.github.guesttools.mdata.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for asynchronous state with a deadline (a hang guard, not a timing assertion). */
public final class Eventually {
    private Eventually() {}

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code limit}. */
    public static void await(Duration limit, String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("still not the case after " + limit + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
