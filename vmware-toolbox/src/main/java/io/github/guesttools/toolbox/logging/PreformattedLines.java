package io.github.guesttools.toolbox.logging;

/**
 * A log argument whose line breaks are the agent's own (a hex dump it made), passed to the
 * journal as it is; every other argument has its control characters escaped. Never wrap text a
 * host or user sent.
 *
 * @param text the agent-made text
 */
public record PreformattedLines(String text) {
    @Override
    public String toString() {
        return text;
    }
}
