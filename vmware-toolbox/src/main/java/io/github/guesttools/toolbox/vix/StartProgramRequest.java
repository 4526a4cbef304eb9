package io.github.guesttools.toolbox.vix;

import java.util.List;

/**
 * Op 185 START_PROGRAM.
 *
 * @param startMinimized the Windows "minimized" hint
 * @param programPath the program; null when absent
 * @param arguments the argument string; null when absent
 * @param workingDirectory the working directory; null when absent
 * @param environment {@code NAME=VALUE} entries
 */
public record StartProgramRequest(
        boolean startMinimized, String programPath, String arguments, String workingDirectory, List<String> environment)
        implements VixRequest {
    public StartProgramRequest {
        environment = List.copyOf(environment);
    }
}
