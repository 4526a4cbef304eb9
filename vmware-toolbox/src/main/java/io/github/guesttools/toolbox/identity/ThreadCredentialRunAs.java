package io.github.guesttools.toolbox.identity;

import io.github.guesttools.toolbox.posix.Posix;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Root agent: runs each action on a dedicated worker thread that switches its own supplementary
 * groups, fsgid and fsuid with raw syscalls (Linux credentials are per thread; glibc's wrappers
 * would broadcast to every thread), then restores root in a finally block. While fsuid is not 0 the
 * kernel drops CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER from the thread's
 * effective set, so the file system applies the user's own rights. This is the Samba design.
 *
 * <p>Limits: only file-system checks change (fsuid), not signals or ptrace, so only file-system
 * actions may run here; a worker that fails to restore its credentials throws an {@link Error} and
 * dies, and the pool replaces it with a fresh root thread.
 */
final class ThreadCredentialRunAs implements RunAs {
    private final ExecutorService workers;
    private final int[] rootGroups;

    ThreadCredentialRunAs(int threads) {
        this.rootGroups = Posix.getgroups();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vix-runas-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean canRunAs(GuestUser user) {
        return true;
    }

    @Override
    public <T> T run(GuestUser user, IoAction<T> action) throws IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        workers.execute(() -> {
            try {
                become(user);
                result.complete(action.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                if (!restore()) {
                    // Escapes the pool's worker loop: this thread ends and a fresh root one replaces it.
                    throw new IllegalStateException("worker could not restore root credentials; thread retired");
                }
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running as " + user.name());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    private void become(GuestUser user) throws IOException {
        int[] groups = user.groups().stream().mapToInt(Integer::intValue).toArray();
        long rc = Posix.setThreadGroups(groups);
        if (rc != 0) {
            throw new IOException("setgroups for " + user.name() + " failed: errno " + -rc);
        }
        Posix.setThreadFsgid(user.gid());
        Posix.setThreadFsuid(user.uid());
        // setfsuid/setfsgid report no errors; query (-1 is never valid) to verify the switch.
        if (Posix.setThreadFsgid(-1) != user.gid() || Posix.setThreadFsuid(-1) != user.uid()) {
            throw new IOException("could not switch file-system identity to " + user.name());
        }
    }

    private boolean restore() {
        Posix.setThreadFsuid(0);
        Posix.setThreadFsgid(0);
        long rc = Posix.setThreadGroups(rootGroups);
        return rc == 0 && Posix.setThreadFsuid(-1) == 0 && Posix.setThreadFsgid(-1) == 0;
    }
}
