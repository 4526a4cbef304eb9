package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import io.github.guesttools.identity.RunAs;
import io.github.guesttools.process.internal.buffer.SpillBuffer;
import io.github.guesttools.process.internal.user.LoginEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts OS programs and, with I/O capture, moves their bytes between pipes and buffers: output
 * through the shared {@link OutputPoller}, stdin by a feeder thread that exists only once stdin is
 * opened. A waiting captured program holds no thread of its own besides the JDK's reaper.
 */
final class ProgramStarter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgramStarter.class);
    /** For the stdin feeder, which runs only while someone writes stdin. */
    private static final int COPY_BUFFER = 16 * 1024;

    private final Launcher launcher;
    private final Clock clock;
    private final ExecutorService threads;
    private final Function<Account, IoCapture> captures;
    private final OutputPoller output;
    private final RunAs runAs;

    ProgramStarter(
            Launcher launcher,
            Clock clock,
            ExecutorService threads,
            Function<Account, IoCapture> captures,
            OutputPoller output,
            RunAs runAs) {
        this.output = output;
        this.launcher = launcher;
        this.runAs = runAs;
        this.clock = clock;
        this.threads = threads;
        this.captures = captures;
    }

    /** Checks, starts and returns the new entry (not yet in the table). */
    TrackedProcess start(StartRequest request, Account user) throws ProcessException {
        // The user's paths are examined as the user: root's view must not decide (or leak) anything.
        Path[] checked = checkAsUser(request, user);
        Path program = checked[0];
        Path directory = checked[1];
        Map<String, String> environment = environment(request.environment(), user);
        String commandLine = ShellCommand.commandLine(request.programPath(), request.arguments());
        Process process;
        try {
            process = launcher.start(user, commandLine, directory, environment, request.captureIo());
        } catch (IOException e) {
            throw new ProcessStartException("cannot start " + request.programPath() + ": " + e).causedBy(e);
        }
        IoCapture io = request.captureIo() ? captures.apply(user) : null;
        if (io != null) {
            // A program that only runs, as most do, needs no feeder thread: it starts with the first
            // open of stdin (ProcessManager.openStdin), or never. Set before onExit, which may drop it.
            io.feeder(() -> feed(io.stdin, process.getOutputStream()));
        }
        TrackedProcess entry = new TrackedProcess(
                process.pid(),
                program.getFileName().toString(),
                commandLine,
                user.name(),
                user.uid(),
                clock.instant(),
                false,
                io);
        CompletableFuture<Process> exited = process.onExit().whenComplete((p, e) -> ended(entry, process));
        if (io == null) {
            return entry;
        }
        // no thread of its own: the shared poller moves output while the program runs
        Object out = output.watch(process.getInputStream(), io.stdout);
        Object err = output.watch(process.getErrorStream(), io.stderr);
        exited.handle((p, e) -> null) // however the exit was recorded, the output must end
                .thenCompose(v -> CompletableFuture.allOf(output.finish(out), output.finish(err)))
                .whenComplete((v, e) -> io.complete.complete(null));
        return entry;
    }

    private Path[] checkAsUser(StartRequest request, Account user) throws ProcessException {
        try {
            return runAs.run(user, () -> {
                try {
                    return new Path[] {
                        ProgramCheck.program(request.programPath(), user),
                        ProgramCheck.workingDirectory(request.workingDirectory(), user)
                    };
                } catch (ProcessException e) {
                    throw new CheckFailed(e);
                }
            });
        } catch (CheckFailed e) {
            throw e.failure;
        } catch (IOException e) {
            throw new PermissionDeniedException("cannot act as " + user.name() + ": " + e.getMessage()).causedBy(e);
        }
    }

    /** Carries a check's {@link ProcessException} out of a {@link RunAs} action. */
    private static final class CheckFailed extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient ProcessException failure;

        CheckFailed(ProcessException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    private void ended(TrackedProcess entry, Process process) {
        entry.finish(ExitStatus.fromJdk(process.exitValue()), clock.instant());
        if (entry.io != null) {
            // Nobody can feed an ended process: release stdin, which also wakes the feeder.
            try {
                entry.io.stdin.close();
                if (entry.io.dropFeeder()) {
                    process.getOutputStream().close();
                }
            } catch (IOException e) {
                LOG.debug("closing stdin of {}", entry.pid, e);
            }
        }
    }

    static Map<String, String> environment(List<String> entries, Account user) throws InvalidArgumentException {
        if (entries.isEmpty()) {
            return LoginEnvironment.of(user);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.indexOf('\0') >= 0) {
                throw new InvalidArgumentException("not a NAME=VALUE environment entry: " + entry);
            }
            environment.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return environment;
    }

    private static void feed(SpillBuffer from, OutputStream to) {
        byte[] chunk = new byte[COPY_BUFFER];
        try (OutputStream out = to;
                InputStream in = from.newInputStream()) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The process ended or stopped reading (EPIPE): the rest of stdin has nowhere to go.
            LOG.debug("stdin feeder stopped", e);
        }
    }
}
