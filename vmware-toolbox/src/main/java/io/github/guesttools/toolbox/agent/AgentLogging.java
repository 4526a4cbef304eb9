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

    private AgentLogging() {}

    /** One warning per setting the agent does not know (a typo, or a key of an open-vm-tools plug-in we lack). */
    static void warnIgnored(AgentConfig config) {
        if (!config.ignoredKeys().isEmpty()) {
            LoggerFactory.getLogger(AgentConfig.class)
                    .warn("ignoring settings this agent does not know: {}", String.join(", ", config.ignoredKeys()));
        }
    }

    static void configure(String level) {
        JournalLevel.set(level);
        // Names the provider instead of letting SLF4J's ServiceLoader open every jar on the class
        // path to look for one (about 25 ms of the agent's start); a provider the launcher names wins.
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, JournalServiceProvider.class.getName());
        }
    }
}
