package io.github.guesttools.toolbox.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code vmware-toolbox-cmd} as a process of its own against a simulator bridge (tests). */
public final class ToolboxCmdProcess {
    /** A finished run: exit status, standard output, standard error. */
    public record Result(int status, String out, String err) {}

    private ToolboxCmdProcess() {}

    /**
     * @param bridge the simulator bridge's socket
     * @param conf the configuration file the command reads and writes
     * @param dir where the output files go
     * @param args the command's arguments
     */
    public static Result run(Path bridge, Path conf, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ToolboxCmd.class.getName(),
                "--backdoor",
                "unix:" + bridge,
                "--config",
                conf.toString()));
        command.addAll(List.of(args));
        Path outFile = Files.createTempFile(dir, "out", ".txt");
        Path errFile = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(outFile.toFile())
                .redirectError(errFile.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Result(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
    }
}
