package io.github.guesttools.toolbox.logging;

/**
 * Keeps the agent's log in memory while guest file systems are frozen: standard error may end in a
 * journal or file on a frozen disk, and a blocked log write would hang the agent in the middle of the
 * quiesce (open-vm-tools issue #650; {@code docs/protocols/vmbackup.md} §6.7). Bounded: at most 2000
 * events and 256 Ki characters are kept; when full the oldest are dropped and counted, and the count is
 * logged on {@link #release()}. Only this provider's log is held; with another SLF4J provider both
 * calls do nothing.
 */
public final class LogHold {
    private LogHold() {}

    /** From now on log events are kept in memory (idempotent). */
    public static void hold() {
        JournalSink.STANDARD_ERROR.hold();
    }

    /** Whether events are being kept in memory. */
    public static boolean held() {
        return JournalSink.STANDARD_ERROR.held();
    }

    /** Writes the kept events in order, then a line with the number dropped; writes through again. */
    public static void release() {
        JournalSink.STANDARD_ERROR.release();
    }
}
