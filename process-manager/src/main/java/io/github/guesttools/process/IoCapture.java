package io.github.guesttools.process;

import io.github.guesttools.process.internal.buffer.ByteBudget;
import io.github.guesttools.process.internal.buffer.SpillBuffer;
import io.github.guesttools.process.internal.buffer.SpillFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The three bounded buffers of a process started with I/O capture, and the stdin feeder, which
 * runs (and holds a thread) only once someone opens the process's stdin.
 */
final class IoCapture implements Closeable {
    final SpillBuffer stdin;
    final SpillBuffer stdout;
    final SpillBuffer stderr;

    /** Completes when the process has ended and its output is final. */
    final CompletableFuture<Void> complete = new CompletableFuture<>();

    /** The feeder not started yet; taken (set to null) by whoever starts or drops it. */
    private final AtomicReference<Runnable> feeder = new AtomicReference<>();

    IoCapture(Path directory, int memoryLimit, long sizeLimit, ByteBudget heap, ByteBudget stored, SpillFiles files) {
        stdin = new SpillBuffer(directory, memoryLimit, sizeLimit, heap, stored, files);
        stdout = new SpillBuffer(directory, memoryLimit, sizeLimit, heap, stored, files);
        stderr = new SpillBuffer(directory, memoryLimit, sizeLimit, heap, stored, files);
    }

    /** Sets the stdin feeder, started by {@link #startFeeder}. */
    void feeder(Runnable task) {
        feeder.set(task);
    }

    /** Starts the stdin feeder once (the first open of stdin). */
    void startFeeder(Executor threads) {
        Runnable task = feeder.getAndSet(null);
        if (task != null) {
            threads.execute(task);
        }
    }

    /** True (once) when the feeder never started: the caller closes the process's stdin itself. */
    boolean dropFeeder() {
        return feeder.getAndSet(null) != null;
    }

    SpillBuffer output(StdStream stream) {
        return stream == StdStream.STDERR ? stderr : stdout;
    }

    /** Deletes everything; running pumps and feeders then fail and stop. */
    @Override
    public void close() throws IOException {
        // try-with-resources closes all three even when one of them fails
        try (SpillBuffer in = stdin;
                SpillBuffer out = stdout;
                SpillBuffer err = stderr) {
            complete.complete(null);
        }
    }
}
