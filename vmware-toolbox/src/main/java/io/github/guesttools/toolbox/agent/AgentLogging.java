package io.github.guesttools.toolbox.agent;

import io.github.guesttools.toolbox.logging.JournalLevel;
import io.github.guesttools.toolbox.logging.JournalServiceProvider;
import org.slf4j.LoggerFactory;

/**
 * Applies the agent's {@code log.level} before the first logger writes. The agent's setting wins
 * over a launcher's system property (guest-tools-java passes one for all tools). The format,
 * journald's {@code <N>} priority prefixes on standard error, is the job of
 * {@link io.github.guesttools.toolbox.logging.JournalServiceProvider}.
 */
final class AgentLogging {
    /** SLF4J 2.0.9+: the provider class to use without a service-loader scan. */
    private static final String PROVIDER_PROPERTY = "slf4j.provider";
    /** SLF4J 2.0.10+: the level of SLF4J's own messages. */
    private static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

    private AgentLogging() {}

    /** One warning per setting the agent does not know (a typo, or a key of an open-vm-tools plug-in we lack). */
    static void warnIgnored(AgentConfig config) {
        if (!config.ignoredKeys().isEmpty()) {
            LoggerFactory.getLogger(AgentConfig.class)
                    .warn("ignoring settings this agent does not know: {}", String.join(", ", config.ignoredKeys()));
        }
    }

    /**
     * Names the provider instead of letting SLF4J's ServiceLoader look for one on the class path:
     * the agent's journal provider wins over any other jar's, and the scan, which opens every jar,
     * is not SLF4J's to make (docs/PERFORMANCE.md, session 5). A provider the launcher names wins.
     * Must run before anything asks {@link LoggerFactory} for a logger: SLF4J binds once, on first
     * use.
     */
    static void nameProvider() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, JournalServiceProvider.class.getName());
            // SLF4J reports a named provider at its INFO level on standard error: one journal
            // line per start that says nothing to an operator.
            if (System.getProperty(VERBOSITY_PROPERTY) == null) {
                System.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    static void configure(String level) {
        JournalLevel.set(level);
    }
}
