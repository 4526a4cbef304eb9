package io.github.guesttools.toolbox.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider of the runnable agent and its CLIs: one line per event on standard error,
 * {@code <N>Logger: message}, where {@code <N>} is the sd-daemon(3) priority prefix that journald
 * (with the default {@code SyslogLevelPrefix=yes}) turns into the entry's priority: {@code <3>}
 * error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug and trace. Every further line of
 * the event (a multi-line message, a stack trace) carries the same prefix, so journald, which
 * makes one entry per line, keeps the priority. No time stamp or thread: journald adds its own.
 *
 * <p>Why our own: slf4j-simple can only write level words, never the {@code <N>} prefixes, and a
 * full logging backend (Logback, Log4j 2) costs start-up time and resident memory that an agent
 * in every guest should not pay. This one is a few small classes with no configuration files and
 * no reflection. The level comes from {@link JournalLevel}.
 */
public final class JournalServiceProvider implements SLF4JServiceProvider {
    private volatile JournalLoggerFactory loggers;
    private volatile IMarkerFactory markers;
    private volatile MDCAdapter mdc;

    /** Called by SLF4J's {@code ServiceLoader}. */
    public JournalServiceProvider() {}

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggers = new JournalLoggerFactory(JournalSink.STANDARD_ERROR);
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter(); // MDC is not written: the agent does not use it
    }
}
