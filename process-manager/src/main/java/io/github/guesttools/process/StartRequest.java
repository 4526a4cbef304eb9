package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import java.util.List;
import java.util.Objects;

/**
 * What VIX StartProgram (op 185) asks for.
 *
 * @param user the authenticated user the program runs as
 * @param programPath an absolute program path, or the name of a registered {@link GuestFunction}
 * @param arguments appended to the quoted path unquoted, so shell syntax works; may be empty
 * @param workingDirectory absolute directory; empty means the user's home
 * @param environment {@code NAME=VALUE} entries; when non-empty they are the program's whole
 *     environment, otherwise it gets the user's login environment
 * @param captureIo pipe stdin and buffer stdout/stderr for {@code /proc/<pid>/...} access
 *     (functions always have it)
 */
public record StartRequest(
        Account user,
        String programPath,
        String arguments,
        String workingDirectory,
        List<String> environment,
        boolean captureIo) {

    /** Compact constructor: nulls become empty values. */
    public StartRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(programPath, "programPath");
        arguments = arguments == null ? "" : arguments;
        workingDirectory = workingDirectory == null ? "" : workingDirectory;
        environment = environment == null ? List.of() : List.copyOf(environment);
    }

    /** A request with no working directory, environment or I/O capture. */
    public static StartRequest of(Account user, String programPath, String arguments) {
        return new StartRequest(user, programPath, arguments, "", List.of(), false);
    }

    /** This request with another working directory. */
    public StartRequest withWorkingDirectory(String directory) {
        return new StartRequest(user, programPath, arguments, directory, environment, captureIo);
    }

    /** This request with an explicit environment. */
    public StartRequest withEnvironment(List<String> entries) {
        return new StartRequest(user, programPath, arguments, workingDirectory, entries, captureIo);
    }

    /** This request with I/O capture switched on or off. */
    public StartRequest withCaptureIo(boolean capture) {
        return new StartRequest(user, programPath, arguments, workingDirectory, environment, capture);
    }
}
