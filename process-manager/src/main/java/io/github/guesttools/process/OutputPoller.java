package io.github.guesttools.process;

import io.github.guesttools.process.internal.buffer.SpillBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the stdout and stderr of every running captured program into its buffers on one shared
 * thread, instead of two blocking pump threads per program (issue 11: ~560 waiting programs held
 * 2,253 threads). A pipe is read only when it holds bytes ({@link InputStream#available()}, the
 * pipe's FIONREAD), so no read ever blocks this thread; a pipe that stays empty is looked at less
 * often (1 ms doubling to {@value #MAX_IDLE_MILLIS} ms), one with data again at once. When the
 * program ends, the rest is read to end-of-file on a pool thread ({@link #finish}): the JDK has by
 * then drained the pipe into memory and closed it, unless an orphaned child still holds it.
 *
 * <p>Why not kernel redirection to files: a background child that outlives the program would go on
 * writing into a file the agent has deleted, filling the disk unseen; a pipe breaks instead. Why not
 * a selector: the JDK's process pipes are not selectable channels.
 */
final class OutputPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPoller.class);
    private static final long MIN_IDLE_MILLIS = 1;
    private static final long MAX_IDLE_MILLIS = 200;
    /** Read from one pipe per turn before the others get theirs. */
    private static final int TURN_BYTES = 1 << 20;

    private final Executor drains;
    private final List<Watched> watched = new ArrayList<>();
    private final byte[] chunk = new byte[64 * 1024];
    private final Thread thread;
    private boolean closed;

    /** One pipe and the buffer it fills. */
    private static final class Watched {
        final InputStream in;
        final SpillBuffer to;
        long idleMillis = MIN_IDLE_MILLIS;
        long nextCheck;

        Watched(InputStream in, SpillBuffer to) {
            this.in = in;
            this.to = to;
            this.nextCheck = System.nanoTime();
        }
    }

    /**
     * @param drains runs the end-of-file reads of ended programs
     * @param threadName the polling thread's name
     */
    OutputPoller(Executor drains, String threadName) {
        this.drains = drains;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts moving {@code in} into {@code to}; returns the handle for {@link #finish}. */
    Object watch(InputStream in, SpillBuffer to) {
        Watched w = new Watched(in, to);
        synchronized (this) {
            watched.add(w);
            notifyAll();
        }
        return w;
    }

    /**
     * The program has ended: reads the rest of the pipe to its end on a pool thread and finishes the
     * buffer.
     *
     * @return completes when the buffer is final
     */
    CompletableFuture<Void> finish(Object handle) {
        Watched w = (Watched) handle;
        synchronized (this) {
            watched.remove(w);
        }
        return CompletableFuture.runAsync(
                () -> {
                    synchronized (w) {
                        try (InputStream in = w.in) {
                            int n;
                            byte[] rest = new byte[16 * 1024];
                            while ((n = in.read(rest)) >= 0) {
                                w.to.write(rest, 0, n);
                            }
                        } catch (IOException e) {
                            // the entry expired (buffer closed) or the pipe broke: the output ends here
                            LOG.debug("output of an ended program: {}", e.toString());
                        } finally {
                            w.to.finish();
                        }
                    }
                },
                drains);
    }

    private void run() {
        while (true) {
            List<Watched> due = new ArrayList<>();
            long now = System.nanoTime();
            long sleep;
            synchronized (this) {
                if (closed) {
                    return;
                }
                long next = Long.MAX_VALUE;
                for (Watched w : watched) {
                    if (w.nextCheck - now <= 0) {
                        due.add(w);
                    } else {
                        next = Math.min(next, w.nextCheck - now);
                    }
                }
                sleep = due.isEmpty() ? next : 0;
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(
                                this, sleep == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            for (Watched w : due) {
                boolean data = poll(w);
                w.idleMillis = data ? MIN_IDLE_MILLIS : Math.min(w.idleMillis * 2, MAX_IDLE_MILLIS);
                w.nextCheck = data ? now : now + TimeUnit.MILLISECONDS.toNanos(w.idleMillis);
            }
        }
    }

    /** Reads what {@code w}'s pipe holds, up to one turn; true if there was anything. */
    private boolean poll(Watched w) {
        synchronized (w) {
            int moved = 0;
            try {
                int available;
                while (moved < TURN_BYTES && (available = w.in.available()) > 0) {
                    int n = w.in.read(chunk, 0, Math.min(available, chunk.length));
                    if (n <= 0) {
                        break;
                    }
                    w.to.write(chunk, 0, n);
                    moved += n;
                }
            } catch (IOException e) {
                // closed by the JDK at exit (finish reads the rest) or the buffer was released
                LOG.debug("polling program output: {}", e.toString());
                return false;
            }
            return moved > 0;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
