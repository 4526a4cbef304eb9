package io.github.guesttools.rpc.power;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a program; success is exit status 0. Its output goes to this process's log streams. */
public final class CommandAction implements PowerAction {
    private final List<String> command;

    /** Runs {@code command} (argv, no shell). */
    public CommandAction(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.command = List.copyOf(command);
    }

    /** {@code /sbin/shutdown -h now}. */
    public static CommandAction halt() {
        return new CommandAction(List.of("/sbin/shutdown", "-h", "now"));
    }

    /** {@code /sbin/shutdown -r now}. */
    public static CommandAction reboot() {
        return new CommandAction(List.of("/sbin/shutdown", "-r", "now"));
    }

    /** Runs an executable script without arguments, as vmtoolsd runs its state-change scripts. */
    public static CommandAction script(Path script) {
        return new CommandAction(List.of(script.toString()));
    }

    /** The argv. */
    public List<String> command() {
        return command;
    }

    @Override
    public CompletableFuture<Boolean> start() throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return p.onExit().thenApply(done -> done.exitValue() == 0);
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
