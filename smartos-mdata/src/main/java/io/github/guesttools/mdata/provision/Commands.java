package io.github.guesttools.mdata.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs system commands and scripts for the tasks, with their output passed through. */
final class Commands {
    private Commands() {}

    /** Runs {@code command} and returns its exit status; output goes to ours. */
    static int run(Path workDir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .inheritIO()
                .start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs a command found on the PATH; does nothing (but log) when it is absent. */
    static void runIfPresent(ProvisionContext ctx, String... command) throws IOException {
        if (!onPath(command[0])) {
            ctx.log().info(command[0] + " not installed: skipped");
            return;
        }
        int status = run(ctx.root(), List.of(command));
        if (status != 0) {
            ctx.log().warn(String.join(" ", command) + " failed with exit status " + status);
        }
    }

    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code script} (already executable) with a bounded wait of {@code hours}. */
    static int runScript(Path workDir, Path script, long hours) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        Process p =
                new ProcessBuilder(cmd).directory(workDir.toFile()).inheritIO().start();
        try {
            if (!p.waitFor(hours, TimeUnit.HOURS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + script, e);
        }
    }
}
