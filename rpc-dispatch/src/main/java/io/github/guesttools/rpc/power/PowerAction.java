package io.github.guesttools.rpc.power;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One step of a power operation (a script, the shutdown command). Starting is synchronous so a start
 * failure can be answered at once; the outcome comes later.
 */
@FunctionalInterface
public interface PowerAction {

    /**
     * Starts the action.
     *
     * @return completes with {@code true} on success, {@code false} on failure
     * @throws IOException when it cannot be started
     */
    CompletableFuture<Boolean> start() throws IOException;
}
