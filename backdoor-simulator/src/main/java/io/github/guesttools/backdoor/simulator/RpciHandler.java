package io.github.guesttools.backdoor.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Answers one RPCI command in the simulator. Handlers run on the guest's calling thread, outside
 * the simulator's lock, so they may block or call the simulator. A handler that throws gets the
 * guest the reply {@code 0 handler failed: <exception>}.
 */
@FunctionalInterface
public interface RpciHandler {

    /**
     * Returns the full reply: {@code "1 "} + result on success, {@code "0 "} + error on failure.
     *
     * @param command the parsed command
     * @return the reply bytes
     */
    byte[] handle(RpciCommand command);

    /** Returns {@code "1 " + text} as bytes. */
    static byte[] ok(String text) {
        return ("1 " + text).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns {@code "0 " + text} as bytes. */
    static byte[] error(String text) {
        return ("0 " + text).getBytes(StandardCharsets.ISO_8859_1);
    }
}
