package io.github.guesttools.process;

import java.util.BitSet;

/**
 * Pseudo-pids for functions, from a range the kernel can never hand out: it starts at {@code
 * PID_MAX_LIMIT} (4194304, the most {@code pid_max} can be raised to on 64-bit Linux) or the
 * current {@code pid_max} if a future kernel allows more. The lowest free number is handed out
 * and a number is free again only once its entry has left the table, so numbers are never lost
 * or handed out twice (govmomi's {@code sync.Pool} can do both).
 */
final class PseudoPids {
    static final long PID_MAX_LIMIT = 4_194_304L;

    private final long base;
    private final int capacity;
    private final BitSet used = new BitSet();

    PseudoPids(long pidMax, int capacity) {
        this.base = Math.max(PID_MAX_LIMIT, pidMax);
        this.capacity = capacity;
    }

    /** The lowest free pseudo-pid, or -1 when all are in use. */
    synchronized long allocate() {
        int index = used.nextClearBit(0);
        if (index >= capacity) {
            return -1;
        }
        used.set(index);
        return base + index;
    }

    synchronized void release(long pid) {
        if (contains(pid)) {
            used.clear((int) (pid - base));
        }
    }

    /** True if the number lies in the pseudo-pid range (used or not): never an OS pid. */
    boolean contains(long pid) {
        return pid >= base && pid < base + capacity;
    }
}
