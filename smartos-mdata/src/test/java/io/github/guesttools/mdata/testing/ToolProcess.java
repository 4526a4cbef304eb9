package io.github.guesttools.mdata.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a tool's shell launcher from {@code src/main/scripts} as a real process. */
public final class ToolProcess {
    /** The finished process. */
    public record Result(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private ToolProcess() {}

    public static Path script(String tool) {
        return Path.of("src/main/scripts", tool).toAbsolutePath();
    }

    /** Starts {@code tool} with the test classpath; the caller waits. */
    public static Process start(String tool, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(script(tool).toString());
        cmd.addAll(List.of(args));
        return startCommand(cmd, env);
    }

    /** Starts {@code cmd} (e.g. a shell that runs a tool) with the environment tools get. */
    public static Process startCommand(List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("MDATA_TRANSPORT");
        pb.environment().remove("MDATA_TIMEOUT");
        pb.environment().put("MDATA_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    public static Result run(String tool, Map<String, String> env, byte[] stdin, String... args) throws Exception {
        return finish(start(tool, env, args), tool, stdin);
    }

    /** Runs {@code cmd} (see {@link #startCommand}) to its end. */
    public static Result runCommand(List<String> cmd, Map<String, String> env) throws Exception {
        return finish(startCommand(cmd, env), cmd.get(0), null);
    }

    private static Result finish(Process p, String tool, byte[] stdin) throws Exception {
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p, true));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, false));
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(tool + " did not finish");
        }
        return new Result(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(Process p, boolean stdout) {
        try {
            return (stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** The classpath separator, for completeness on odd platforms. */
    static String sep() {
        return File.pathSeparator;
    }
}
