package io.github.guesttools.process;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Waiting helpers (Awaitility) with generous deadlines for a loaded 2-core machine. */
public final class Await {
    public static final Duration LONG = Duration.ofSeconds(60);

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(LONG)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

    /**
     * Waits until the OS process runs {@code command} (right after a start it may still be a
     * launcher about to exec) and returns what {@code /proc} shows.
     */
    public static io.github.guesttools.process.internal.procfs.ProcEntry execed(long pid, String command) {
        var proc = new io.github.guesttools.process.internal.procfs.ProcFs();
        until(
                pid + " to exec " + command,
                () -> proc.read(pid).map(p -> p.command().equals(command)).orElse(false));
        return proc.read(pid).orElseThrow();
    }

    /** Waits until the tracked process has ended and returns its row. */
    public static ProcessInfo ended(ProcessManager manager, long pid) {
        until("process " + pid + " to end", () -> !row(manager, pid).running());
        return row(manager, pid);
    }

    public static ProcessInfo row(ProcessManager manager, long pid) {
        List<ProcessInfo> rows = manager.list(List.of(pid));
        if (rows.size() != 1) {
            fail("expected one row for " + pid + ", got " + rows);
        }
        return rows.get(0);
    }

    /** Reads a whole captured stream once the process has ended (retrying while it runs). */
    public static String output(ProcessManager manager, long pid, StdStream stream, String user) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (true) {
            try {
                CapturedOutput out = manager.openOutput(pid, stream, account(user));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                long position = 0;
                int n;
                while ((n = out.read(position, chunk, 0, chunk.length)) > 0) {
                    bytes.write(chunk, 0, n);
                    position += n;
                }
                return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            } catch (RetryLaterException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
