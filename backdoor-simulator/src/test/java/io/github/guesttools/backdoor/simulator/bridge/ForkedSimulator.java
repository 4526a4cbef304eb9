package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.channel.HostControl;
import io.github.guesttools.backdoor.simulator.TransferStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A SimulatorMain in a forked JVM, driven through its {@code --control} stdin/stdout protocol. */
final class ForkedSimulator implements HostControl, AutoCloseable {
    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<byte[]>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger tags = new AtomicInteger();
    final Path socket;

    ForkedSimulator(Path socket, String... extraArgs) throws IOException, InterruptedException {
        this.socket = socket;
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorMain.class.getName(),
                "--listen",
                socket.toString(),
                "--control"));
        command.addAll(List.of(extraArgs));
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.ISO_8859_1);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1));
        Thread reader = new Thread(() -> readLoop(out), "forked-simulator-reader");
        reader.setDaemon(true);
        reader.start();
        String first = answers.poll(120, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("listening ")) {
            process.destroyForcibly();
            throw new IOException("simulator did not start: " + first);
        }
    }

    private void readLoop(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                String[] w = line.split(" ", 3);
                if (w[0].equals("reply")) {
                    replies.remove(w[1]).complete(TextEscapes.unescape(w.length > 2 ? w[2] : ""));
                } else if (w[0].equals("failed")) {
                    replies.remove(w[1]).completeExceptionally(new IllegalStateException(line));
                } else {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            answers.add("error reader: " + e);
        }
    }

    synchronized String command(String line) throws IOException, InterruptedException {
        commands.println(line);
        String answer = answers.poll(120, TimeUnit.SECONDS);
        if (answer == null || !answer.startsWith("ok")) {
            throw new IOException("simulator answered " + answer + " to " + line);
        }
        return answer.length() > 2 ? answer.substring(3) : "";
    }

    Process process() {
        return process;
    }

    @Override
    public void reset() throws Exception {
        command("reset");
    }

    @Override
    public void setHighBandwidth(boolean enabled) throws Exception {
        command("hb " + (enabled ? "on" : "off"));
    }

    @Override
    public void setCookiesSupported(boolean supported) throws Exception {
        command("cookies " + (supported ? "on" : "off"));
    }

    @Override
    public CompletableFuture<byte[]> submitTclo(byte[] request) throws Exception {
        String tag = "t" + tags.incrementAndGet();
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        replies.put(tag, reply);
        command("tclo " + tag + " " + TextEscapes.escape(request));
        return reply;
    }

    @Override
    public void injectCheckpoint(TransferStep step, int skip) throws Exception {
        command("checkpoint " + step + " " + skip);
    }

    @Override
    public int pendingCheckpoints() throws Exception {
        return Integer.parseInt(command("pending-checkpoints"));
    }

    @Override
    public void invalidateCookies() throws Exception {
        command("invalidate-cookies");
    }

    @Override
    public int callCount() throws Exception {
        return Integer.parseInt(command("calls"));
    }

    @Override
    public List<byte[]> rpciCommands() throws Exception {
        String list = command("rpci");
        List<byte[]> result = new ArrayList<>();
        if (!list.isEmpty()) {
            for (String escaped : list.split(" ")) {
                result.add(TextEscapes.unescape(escaped));
            }
        }
        return result;
    }

    @Override
    public void close() throws Exception {
        commands.close(); // stdin EOF ends --control mode
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
