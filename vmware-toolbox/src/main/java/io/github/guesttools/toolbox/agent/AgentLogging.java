package io.github.guesttools.toolbox.agent;

import io.github.guesttools.toolbox.logging.JournalLevel;

/**
 * Applies the agent's {@code log.level} before the first logger writes. The agent's setting wins
 * over a launcher's system property (guest-tools-java passes one for all tools). The format,
 * journald's {@code <N>} priority prefixes on standard error, is the job of
 * {@link io.github.guesttools.toolbox.logging.JournalServiceProvider}.
 */
final class AgentLogging {
    private AgentLogging() {}

    static void configure(String level) {
        JournalLevel.set(level);
    }
}
