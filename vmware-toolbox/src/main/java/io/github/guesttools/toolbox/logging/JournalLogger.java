package io.github.guesttools.toolbox.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that formats with {@link MessageFormatter}, arguments escaped by {@link ControlEscapes},
 * and hands the event to a {@link JournalSink}.
 */
final class JournalLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient JournalSink sink;
    private final String shortName;

    JournalLogger(String name, JournalSink sink) {
        this.name = name;
        this.sink = sink;
        this.shortName = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
        return JournalLevel.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return JournalLevel.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return JournalLevel.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return JournalLevel.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return JournalLevel.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        // the pattern is the code's own; arguments carry what hosts and users send
        String message = MessageFormatter.basicArrayFormat(pattern, ControlEscapes.arguments(arguments));
        sink.write(JournalFormat.event(level, shortName, message, throwable));
    }
}
