package io.github.guesttools.rpc.timesync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Whether an NTP client disciplines the clock, without running anything: the kernel reports the clock
 * synchronised, or a {@code chronyd}, {@code ntpd}, {@code openntpd} or {@code systemd-timesyncd} process
 * runs ({@code /proc/<pid>/comm}).
 */
@FunctionalInterface
public interface NtpDetector {
    /** The daemons looked for. */
    Set<String> DAEMONS = Set.of("chronyd", "ntpd", "openntpd", "systemd-timesyn");

    /** Whether an NTP client is active. */
    boolean active() throws IOException;

    /** The real check on {@code clock}'s kernel state and {@code /proc}. */
    static NtpDetector system(GuestClock clock) {
        return () -> clock.kernelSynchronized() || daemonRunning(Path.of("/proc"));
    }

    /** Looks for a daemon among the processes under {@code proc}; {@code comm} is cut to 15 characters. */
    static boolean daemonRunning(Path proc) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    String comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8)
                            .strip();
                    if (DAEMONS.contains(comm)) {
                        return true;
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return false;
    }
}
