package io.github.guesttools.toolbox.logging;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The one level threshold of the journal loggers. It starts from the system property
 * {@value #PROPERTY}, else {@code org.slf4j.simpleLogger.defaultLogLevel} (which the guest-tools
 * image launcher passes to every tool), else {@code info}; the agent then sets its own
 * {@code log.level} with {@link #set}.
 */
public final class JournalLevel {
    /** The system property naming the level: {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace}, {@code off}. */
    public static final String PROPERTY = "guesttools.log.level";

    private static final int OFF = Integer.MAX_VALUE;
    private static volatile int threshold = initial();

    private JournalLevel() {}

    /**
     * Sets the level for every journal logger, existing or not.
     *
     * @param name {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace} or {@code off}, any case
     * @throws IllegalArgumentException for any other name
     */
    public static void set(String name) {
        threshold = parse(name);
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    static int parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("off")) {
            return OFF;
        }
        for (Level level : Level.values()) {
            if (level.name().toLowerCase(Locale.ROOT).equals(n)) {
                return level.toInt();
            }
        }
        throw new IllegalArgumentException("log level must be error, warn, info, debug, trace or off, not " + name);
    }

    private static int initial() {
        for (String property : new String[] {PROPERTY, "org.slf4j.simpleLogger.defaultLogLevel"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                try {
                    return parse(value);
                } catch (IllegalArgumentException e) {
                    System.err.println("<4>JournalLevel: " + e.getMessage() + " (" + property + "); using info");
                }
            }
        }
        return Level.INFO.toInt();
    }
}
