package io.github.guesttools.process.internal.buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Makes and deletes the private spill files of {@link SpillBuffer}s. A buffer may be written by a
 * thread that acts with a guest user's identity (a stdin upload over HGFS), which may not enter
 * the agent's 0700 spill directory; {@link #on(ExecutorService)} runs the file-system calls on a
 * thread that keeps the agent's own identity instead. The open channel is then used by any thread.
 */
public interface SpillFiles {
    /** A created file and its read-write channel. */
    record Spill(Path path, FileChannel channel) {}

    /** Creates a new mode-0600 file in {@code directory} and opens it for reading and writing. */
    Spill create(Path directory) throws IOException;

    /** Deletes a file made by {@link #create}, if it is still there. */
    void delete(Path file) throws IOException;

    /** On the calling thread, with its identity. */
    SpillFiles DIRECT = new SpillFiles() {
        @Override
        public Spill create(Path directory) throws IOException {
            Path path = Files.createTempFile(
                    directory,
                    "io-",
                    ".spill",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                return new Spill(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
            } catch (IOException e) {
                Files.deleteIfExists(path);
                throw e;
            }
        }

        @Override
        public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    };

    /**
     * The {@link #DIRECT} calls made on {@code agentThread}, whose threads must already exist and
     * carry the agent's identity (threads inherit the identity of the thread that creates them, so
     * one started lazily from a user's request would be the user's).
     */
    static SpillFiles on(ExecutorService agentThread) {
        return new SpillFiles() {
            @Override
            public Spill create(Path directory) throws IOException {
                return call(() -> DIRECT.create(directory));
            }

            @Override
            public void delete(Path file) throws IOException {
                call(() -> {
                    DIRECT.delete(file);
                    return null;
                });
            }

            private <T> T call(Callable<T> action) throws IOException {
                Future<T> result = agentThread.submit(action);
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while making a spill file");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("spill file operation failed", e.getCause());
                }
            }
        };
    }
}
