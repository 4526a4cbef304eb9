package io.github.guesttools.toolbox.logging;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.slf4j.event.Level;

/**
 * Where formatted events go; one event is written whole, so lines of concurrent events never interleave.
 *
 * <p>While {@link #hold() held} (guest file systems frozen, {@code docs/protocols/vmbackup.md} §6.7),
 * events are kept in memory instead, at most {@value #HOLD_EVENTS} events and {@value #HOLD_CHARS}
 * characters; when full the oldest are dropped and counted. {@link #release()} writes them in order,
 * then one line saying how many were dropped.
 */
final class JournalSink {
    /** {@code System.err} as it is at each write, so that a redirected {@code System.err} is followed. */
    static final JournalSink STANDARD_ERROR = new JournalSink(() -> System.err);

    /** At most this many events are held. */
    static final int HOLD_EVENTS = 2000;
    /** At most this many characters of events are held (about 512 KiB of heap). */
    static final int HOLD_CHARS = 256 * 1024;

    private final Supplier<PrintStream> stream;
    private ArrayDeque<String> held;
    private long heldChars;
    private long dropped;

    JournalSink(Supplier<PrintStream> stream) {
        this.stream = stream;
    }

    void write(String event) {
        synchronized (this) {
            if (held != null) {
                keep(event);
                return;
            }
            PrintStream out = stream.get();
            out.print(event);
            out.flush();
        }
    }

    synchronized boolean held() {
        return held != null;
    }

    /** Keeps events in memory from now on (idempotent). */
    synchronized void hold() {
        if (held == null) {
            held = new ArrayDeque<>();
            heldChars = 0;
            dropped = 0;
        }
    }

    /** Writes the held events in order and the drop count, then writes through again (idempotent). */
    synchronized void release() {
        if (held == null) {
            return;
        }
        PrintStream out = stream.get();
        for (String event : held) {
            out.print(event);
        }
        if (dropped > 0) {
            out.print(JournalFormat.event(
                    Level.WARN,
                    "JournalSink",
                    dropped + " log events dropped while file systems were frozen (buffer of " + HOLD_EVENTS
                            + " events, " + HOLD_CHARS + " characters)",
                    null));
        }
        out.flush();
        held = null;
        heldChars = 0;
        dropped = 0;
    }

    /** Holds the lock. */
    private void keep(String event) {
        if (event.length() > HOLD_CHARS) {
            dropped++;
            return;
        }
        while (!held.isEmpty() && (held.size() >= HOLD_EVENTS || heldChars + event.length() > HOLD_CHARS)) {
            heldChars -= held.removeFirst().length();
            dropped++;
        }
        held.addLast(event);
        heldChars += event.length();
    }
}
