package io.github.guesttools.toolbox.agent;

/**
 * Configures slf4j-simple for journald before the first logger exists: one line per event on
 * standard error, {@code LEVEL logger - message}, no time stamp (journald adds its own) and no
 * thread name. The level word leads the line so that {@code journalctl -g '^(ERROR|WARN)'} finds
 * problems. slf4j-simple cannot write sd-daemon {@code <N>} prefixes; a provider of our own
 * was not worth its code for that.
 */
final class AgentLogging {
    private AgentLogging() {
    }

    static void configure(String level) {
        set("org.slf4j.simpleLogger.logFile", "System.err");
        // The agent's own setting wins over a launcher's -D (guest-tools-java passes one for all tools).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        set("org.slf4j.simpleLogger.showDateTime", "false");
        set("org.slf4j.simpleLogger.showThreadName", "false");
        set("org.slf4j.simpleLogger.showShortLogName", "true");
        set("org.slf4j.simpleLogger.levelInBrackets", "false");
    }

    private static void set(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
