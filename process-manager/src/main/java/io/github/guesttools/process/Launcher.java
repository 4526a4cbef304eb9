package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts a shell command line as a given user.
 *
 * <p>The JVM cannot change its uid, so when the agent runs as root and the user is someone else,
 * the command goes through util-linux {@code setpriv --reuid --regid --groups --inh-caps=-all},
 * which sets real, effective and saved ids and the supplementary groups (the same list the
 * permission checks use) and then execs. Nothing the user controls reaches a process that still
 * runs as root: {@code setpriv} runs in {@code /} with a fixed environment ({@link #HELPER_PATH}
 * only, so no {@code LD_PRELOAD} or {@code LD_DEBUG_OUTPUT} of the user's), and the user's
 * environment and working directory are applied by coreutils {@code env -i --chdir} after the
 * switch, so the user cannot start in a directory they could not enter themselves. Both tools
 * exec, so the pid of the started process stays the program's. When the agent is not root it can
 * only run programs as its own user.
 */
final class Launcher {
    private static final File DEV_NULL = new File("/dev/null");

    /** The only environment of the privilege-dropping helper, which runs as root. */
    static final String HELPER_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    private final int agentUid;
    private final String shell;
    private final Optional<String> setpriv;
    private final String env;

    /**
     * Creates a launcher.
     *
     * @param agentUid the effective uid of this JVM
     */
    public Launcher(int agentUid) {
        this(agentUid, ShellCommand.shell(), find("setpriv"), find("env").orElse("/usr/bin/env"));
    }

    Launcher(int agentUid, String shell, Optional<String> setpriv, String env) {
        this.agentUid = agentUid;
        this.shell = shell;
        this.setpriv = setpriv;
        this.env = env;
    }

    /**
     * Starts {@code <shell> -c <commandLine>} as the user.
     *
     * @param capture pipes for stdin/stdout/stderr when true; otherwise stdin is {@code /dev/null}
     *     and output is discarded
     * @throws PermissionDeniedException if this agent cannot act as the user
     * @throws IOException if the operating system cannot start the launcher
     */
    public Process start(
            Account user, String commandLine, Path workingDirectory, Map<String, String> environment, boolean capture)
            throws PermissionDeniedException, IOException {
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        if (user.uid() == agentUid) {
            builder.directory(workingDirectory.toFile());
            builder.environment().putAll(environment);
        } else if (agentUid == 0) {
            command.addAll(switchUser(user));
            command.addAll(List.of(env, "-i", "--chdir=" + workingDirectory, "--"));
            environment.forEach((name, value) -> command.add(name + "=" + value));
            builder.directory(new File("/"));
            builder.environment().put("PATH", HELPER_PATH);
        } else {
            throw new PermissionDeniedException(
                    "the agent does not run as root and cannot run programs as " + user.name());
        }
        command.addAll(List.of(shell, "-c", commandLine));
        if (!capture) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return builder.start();
    }

    private List<String> switchUser(Account user) throws IOException {
        String tool = setpriv.orElseThrow(() -> new IOException("setpriv (util-linux) is missing"));
        List<String> args = new ArrayList<>();
        args.add(tool);
        args.add("--reuid=" + user.uid());
        args.add("--regid=" + user.gid());
        if (user.groups().isEmpty()) {
            args.add("--clear-groups");
        } else {
            args.add("--groups=" + user.groups().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        // No capabilities may be inherited across the program's exec (file capabilities aside).
        args.add("--inh-caps=-all");
        args.add("--");
        return args;
    }

    private static Optional<String> find(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
