package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the TCLO requests of a script (one per line, {@link TextEscapes} allowed; blank lines and
 * lines starting with {@code #} skipped) one after the other, waiting for each reply and printing
 * {@code > request} and {@code < reply} lines.
 */
final class ScriptRunner {
    private final VmxSimulator simulator;
    private final PrintStream out;
    private final Duration timeout;

    ScriptRunner(VmxSimulator simulator, PrintStream out, Duration timeout) {
        this.simulator = simulator;
        this.out = out;
        this.timeout = timeout;
    }

    /** Returns true when every request got a reply in time. */
    boolean run(BufferedReader script) throws IOException, InterruptedException {
        String line;
        while ((line = script.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            byte[] request = TextEscapes.unescape(line);
            out.println("> " + TextEscapes.escape(request));
            out.flush();
            try {
                byte[] reply = simulator.submitTclo(request).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                out.println("< " + TextEscapes.escape(reply));
            } catch (TimeoutException e) {
                out.println("! no reply within " + timeout.toSeconds() + " s");
                return false;
            } catch (ExecutionException e) {
                out.println("! " + e.getCause().getMessage());
                return false;
            }
            out.flush();
        }
        return true;
    }
}
