package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link GuestFunction}s on their own threads under pseudo-pids. */
final class FunctionStarter {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionStarter.class);

    private final Clock clock;
    private final ExecutorService threads;

    FunctionStarter(Clock clock, ExecutorService threads) {
        this.clock = clock;
        this.threads = threads;
    }

    /** Creates the entry for a function; {@link #run} then starts it. */
    TrackedProcess entry(long pid, String name, StartRequest request, Account user, IoCapture io) {
        String commandLine = request.arguments().isEmpty() ? name : name + " " + request.arguments();
        return new TrackedProcess(pid, name, commandLine, user.name(), user.uid(), clock.instant(), true, io);
    }

    void run(TrackedProcess entry, GuestFunction function, String arguments) {
        threads.execute(() -> execute(entry, function, arguments));
    }

    private void execute(TrackedProcess entry, GuestFunction function, String arguments) {
        entry.bindThread(Thread.currentThread());
        int code;
        try {
            code = function.run(new Context(entry, arguments));
        } catch (Exception | Error e) {
            code = 1;
            reportFailure(entry, e);
        } finally {
            entry.unbindThread();
            Thread.interrupted(); // do not leak a cancel into the next task on this pooled thread
        }
        entry.io.stdout.finish();
        entry.io.stderr.finish();
        try {
            entry.io.stdin.close();
        } catch (IOException e) {
            LOG.debug("closing stdin of function {}", entry.pid, e);
        }
        entry.finish(code, clock.instant());
        entry.io.complete.complete(null);
    }

    private static void reportFailure(TrackedProcess entry, Throwable failure) {
        LOG.debug("function {} failed", entry.pid, failure);
        if (entry.io.stderr.size() == 0) {
            byte[] text = (failure + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                entry.io.stderr.write(text, 0, text.length);
            } catch (IOException e) {
                LOG.debug("cannot write failure of function {}", entry.pid, e);
            }
        }
    }

    private static final class Context implements FunctionContext {
        private final TrackedProcess entry;
        private final String arguments;
        private final InputStream stdin;

        Context(TrackedProcess entry, String arguments) {
            this.entry = entry;
            this.arguments = arguments;
            this.stdin = entry.io.stdin.newInputStream();
        }

        @Override
        public long pid() {
            return entry.pid;
        }

        @Override
        public String arguments() {
            return arguments;
        }

        @Override
        public String user() {
            return entry.owner;
        }

        @Override
        public InputStream stdin() {
            return stdin;
        }

        @Override
        public OutputStream stdout() {
            return entry.io.stdout.asOutputStream();
        }

        @Override
        public OutputStream stderr() {
            return entry.io.stderr.asOutputStream();
        }

        @Override
        public boolean isCancelled() {
            return entry.cancelled();
        }
    }
}
