package io.github.guesttools.process;

import io.github.guesttools.process.buffer.SpillBuffer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The three bounded buffers of a process started with I/O capture. */
final class IoCapture implements Closeable {
  final SpillBuffer stdin;
  final SpillBuffer stdout;
  final SpillBuffer stderr;

  /** Completes when the process has ended and its output is final. */
  final CompletableFuture<Void> complete = new CompletableFuture<>();

  IoCapture(Path directory, int memoryLimit, long sizeLimit) {
    stdin = new SpillBuffer(directory, memoryLimit, sizeLimit);
    stdout = new SpillBuffer(directory, memoryLimit, sizeLimit);
    stderr = new SpillBuffer(directory, memoryLimit, sizeLimit);
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
