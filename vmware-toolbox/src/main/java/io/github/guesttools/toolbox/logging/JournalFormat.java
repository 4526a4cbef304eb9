package io.github.guesttools.toolbox.logging;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.event.Level;

/** The text of one event: every line starts with the sd-daemon priority prefix. */
final class JournalFormat {
    private JournalFormat() {}

    /** The sd-daemon(3) prefix of a level: {@code <3>} err, {@code <4>} warning, {@code <6>} info, {@code <7>} debug. */
    static String prefix(Level level) {
        return switch (level) {
            case ERROR -> "<3>";
            case WARN -> "<4>";
            case INFO -> "<6>";
            case DEBUG, TRACE -> "<7>";
        };
    }

    /** {@code <N>name: message}, then the throwable's stack trace, each line ending in a newline. */
    static String event(Level level, String name, String message, Throwable throwable) {
        String prefix = prefix(level);
        StringBuilder text =
                new StringBuilder(prefix.length() + name.length() + 2 + (message == null ? 4 : message.length()) + 1);
        text.append(prefix).append(name).append(": ");
        appendLines(text, prefix, withoutTrailingNewlines(String.valueOf(message)));
        if (throwable != null) {
            StringBuilder trace = new StringBuilder();
            appendTrace(trace, throwable, "", Collections.newSetFromMap(new IdentityHashMap<>()));
            text.append(prefix);
            appendLines(text, prefix, trace.toString().stripTrailing());
        }
        return text.toString();
    }

    /**
     * A stack trace as {@link Throwable#printStackTrace()} writes it, but with each exception's
     * text escaped: messages carry file and user names, which must not start journal lines.
     */
    private static void appendTrace(StringBuilder out, Throwable t, String caption, Set<Throwable> seen) {
        if (!seen.add(t)) {
            out.append(caption)
                    .append("[CIRCULAR REFERENCE: ")
                    .append(ControlEscapes.escape(String.valueOf(t)))
                    .append("]\n");
            return;
        }
        out.append(caption).append(ControlEscapes.escape(String.valueOf(t))).append('\n');
        for (StackTraceElement frame : t.getStackTrace()) {
            out.append("\tat ").append(ControlEscapes.escape(frame.toString())).append('\n');
        }
        for (Throwable s : t.getSuppressed()) {
            appendTrace(out, s, "\tSuppressed: ", seen);
        }
        if (t.getCause() != null) {
            appendTrace(out, t.getCause(), "Caused by: ", seen);
        }
    }

    /** A trailing newline would become an empty journal entry. */
    private static String withoutTrailingNewlines(String message) {
        int end = message.length();
        while (end > 0 && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
            end--;
        }
        return message.substring(0, end);
    }

    /** Appends {@code lines}, a newline after each and {@code prefix} before every line but the first. */
    private static void appendLines(StringBuilder text, String prefix, String lines) {
        int start = 0;
        for (int nl = lines.indexOf('\n'); nl >= 0; nl = lines.indexOf('\n', start)) {
            int end = nl > start && lines.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            text.append(lines, start, end).append('\n').append(prefix);
            start = nl + 1;
        }
        text.append(lines, start, lines.length()).append('\n');
    }
}
