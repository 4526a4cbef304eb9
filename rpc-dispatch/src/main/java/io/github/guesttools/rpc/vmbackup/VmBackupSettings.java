package io.github.guesttools.rpc.vmbackup;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code [vmbackup]} bounds and script defaults ({@code docs/protocols/vmbackup.md} §6, §8).
 *
 * @param timeout the overall bound when the host gives none (zero = none, the frozen bound still applies)
 * @param frozenTimeout how long file systems may stay frozen without {@code snapshotDone} (1 s to 600 s)
 * @param freezeTimeout how long freezing may take before the operation fails
 * @param execScripts run scripts for {@code vmbackup.start}
 * @param scriptArg the extra script argument for {@code vmbackup.start}, empty for none
 */
public record VmBackupSettings(
        Duration timeout, Duration frozenTimeout, Duration freezeTimeout, boolean execScripts, String scriptArg) {
    /** The largest frozen bound. */
    public static final Duration MAX_FROZEN = Duration.ofSeconds(600);

    public VmBackupSettings {
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(frozenTimeout);
        Objects.requireNonNull(freezeTimeout);
        Objects.requireNonNull(scriptArg);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        if (frozenTimeout.compareTo(Duration.ofSeconds(1)) < 0 || frozenTimeout.compareTo(MAX_FROZEN) > 0) {
            throw new IllegalArgumentException("frozenTimeout must be between 1 and 600 seconds");
        }
        if (freezeTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("freezeTimeout must be at least 1 second");
        }
        for (char c : scriptArg.toCharArray()) {
            if (c < ' ' || c == 0x7f) {
                throw new IllegalArgumentException("scriptArg must not contain control characters");
            }
        }
    }

    /** 900 s overall, 60 s frozen, 30 s to freeze, scripts on, no argument. */
    public static VmBackupSettings defaults() {
        return new VmBackupSettings(Duration.ofSeconds(900), Duration.ofSeconds(60), Duration.ofSeconds(30), true, "");
    }

    /** A copy with another frozen bound. */
    public VmBackupSettings withFrozenTimeout(Duration d) {
        return new VmBackupSettings(timeout, d, freezeTimeout, execScripts, scriptArg);
    }
}
