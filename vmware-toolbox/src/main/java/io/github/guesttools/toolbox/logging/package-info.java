/** The agent's SLF4J provider: {@code <N>}-prefixed lines for journald on standard error, one level threshold ({@link io.github.guesttools.toolbox.logging.JournalLevel}). Registered by vmware-toolbox-logging, not by this library. */
package io.github.guesttools.toolbox.logging;
