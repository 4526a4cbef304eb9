package io.github.guesttools.process.internal.procfs;

import java.util.List;

/**
 * One process as {@code /proc} shows it.
 *
 * @param pid process id
 * @param parentPid parent process id
 * @param realUid real uid (the owner for listing and for the kill permission rule)
 * @param savedUid saved set-uid
 * @param command kernel command name ({@code comm})
 * @param arguments argv; empty for kernel threads and zombies
 * @param startTicks start time in clock ticks after boot
 */
public record ProcEntry(
        long pid, long parentPid, int realUid, int savedUid, String command, List<String> arguments, long startTicks) {

    /** Compact constructor: copies the argument list. */
    public ProcEntry {
        arguments = List.copyOf(arguments);
    }

    /** The short name: base name of argv[0], else the kernel command name. */
    public String shortName() {
        if (arguments.isEmpty() || arguments.get(0).isEmpty()) {
            return command;
        }
        String first = arguments.get(0);
        return first.substring(first.lastIndexOf('/') + 1);
    }

    /** The command line: argv joined by spaces, or {@code [comm]} like ps for kernel threads. */
    public String commandLine() {
        return arguments.isEmpty() ? "[" + command + "]" : String.join(" ", arguments);
    }
}
