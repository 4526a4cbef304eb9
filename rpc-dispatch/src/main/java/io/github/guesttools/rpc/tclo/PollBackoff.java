package io.github.guesttools.rpc.tclo;

/**
 * The idle back-off of the poll loop ({@code docs/protocols/rpc.md} §3): in units of 10 ms, 0 after a request, then
 * 1, 2, 4, 8 and 10 ({@code RPCIN_MAX_DELAY}) while idle.
 */
final class PollBackoff {
    static final int UNIT_MILLIS = 10;
    static final int MAX_DELAY = 10;

    private int delay;

    /** The delay before the next poll, in milliseconds. */
    int delayMillis() {
        return delay * UNIT_MILLIS;
    }

    void idle() {
        delay = delay == 0 ? 1 : Math.min(2 * delay, MAX_DELAY);
    }

    void request() {
        delay = 0;
    }
}
