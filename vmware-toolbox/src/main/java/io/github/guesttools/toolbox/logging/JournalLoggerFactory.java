package io.github.guesttools.toolbox.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link JournalLogger} per name, all writing to one sink. */
final class JournalLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final JournalSink sink;

    JournalLoggerFactory(JournalSink sink) {
        this.sink = sink;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JournalLogger(n, sink));
    }
}
