package io.github.guesttools.process;

/**
 * One row of ListProcessesEx ({@code docs/protocols/vix.md} §8.3).
 *
 * @param pid OS pid or pseudo-pid
 * @param command short name, reported as {@code <cmd>}; empty when unknown
 * @param commandLine full command line, reported as {@code <name>}
 * @param owner user name of the owner
 * @param startTime Unix seconds
 * @param exitCode exit code once ended (signal deaths are -1), else 0
 * @param endTime Unix seconds once ended, else 0
 */
public record ProcessInfo(
        long pid, String command, String commandLine, String owner, long startTime, int exitCode, long endTime) {

    /** True while the process has not ended. */
    public boolean running() {
        return endTime == 0;
    }
}
