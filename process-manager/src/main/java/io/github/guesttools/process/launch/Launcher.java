package io.github.guesttools.process.launch;

import io.github.guesttools.process.PermissionDeniedException;
import io.github.guesttools.process.user.UserAccount;
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
 * the command goes through util-linux {@code setpriv --reuid --regid --groups}, which sets real,
 * effective and saved ids and the supplementary groups (the same list the permission checks use)
 * and then execs. The working directory is entered by coreutils {@code env --chdir} after the
 * switch, so the user cannot start in a directory they could not enter themselves. Both tools
 * exec, so the pid of the started process stays the program's. When the agent is not root it can
 * only run programs as its own user.
 */
public final class Launcher {
  private static final File DEV_NULL = new File("/dev/null");

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
    this(
        agentUid,
        ShellCommand.shell(),
        find("setpriv"),
        find("env").orElse("/usr/bin/env"));
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
      UserAccount user,
      String commandLine,
      Path workingDirectory,
      Map<String, String> environment,
      boolean capture)
      throws PermissionDeniedException, IOException {
    List<String> command = new ArrayList<>();
    ProcessBuilder builder = new ProcessBuilder(command);
    if (user.uid() == agentUid) {
      builder.directory(workingDirectory.toFile());
    } else if (agentUid == 0) {
      command.addAll(switchUser(user));
      command.addAll(List.of(env, "--chdir=" + workingDirectory, "--"));
      builder.directory(new File("/"));
    } else {
      throw new PermissionDeniedException(
          "the agent does not run as root and cannot run programs as " + user.name());
    }
    command.addAll(List.of(shell, "-c", commandLine));
    builder.environment().clear();
    builder.environment().putAll(environment);
    if (!capture) {
      builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    return builder.start();
  }

  private List<String> switchUser(UserAccount user) throws IOException {
    String tool = setpriv.orElseThrow(() -> new IOException("setpriv (util-linux) is missing"));
    List<String> args = new ArrayList<>();
    args.add(tool);
    args.add("--reuid=" + user.uid());
    args.add("--regid=" + user.gid());
    if (user.groups().isEmpty()) {
      args.add("--clear-groups");
    } else {
      args.add(
          "--groups="
              + user.groups().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
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
