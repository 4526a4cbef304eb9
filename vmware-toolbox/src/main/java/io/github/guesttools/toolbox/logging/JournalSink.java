package io.github.guesttools.toolbox.logging;

import java.io.PrintStream;
import java.util.function.Supplier;

/** Where formatted events go; one event is written whole, so lines of concurrent events never interleave. */
final class JournalSink {
    /** {@code System.err} as it is at each write, so that a redirected {@code System.err} is followed. */
    static final JournalSink STANDARD_ERROR = new JournalSink(() -> System.err);

    private final Supplier<PrintStream> stream;

    JournalSink(Supplier<PrintStream> stream) {
        this.stream = stream;
    }

    void write(String event) {
        PrintStream out = stream.get();
        synchronized (this) {
            out.print(event);
            out.flush();
        }
    }
}
