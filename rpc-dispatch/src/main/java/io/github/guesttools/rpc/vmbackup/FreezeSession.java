package io.github.guesttools.rpc.vmbackup;

import java.io.IOException;
import java.util.List;

/**
 * One operation's freeze: {@link #freeze()} runs on a worker and may block (a stale mount, heavy
 * write load); {@link #thaw()} may be called from any thread at any time, also while {@link
 * #freeze()} still runs, and leaves nothing frozen: what {@link #freeze()} manages to freeze after
 * it is thawed at once.
 */
public interface FreezeSession {

    /**
     * Freezes the file systems in the freezer's order. On failure everything this session froze is
     * thawed before the exception is thrown.
     *
     * @return the mount points frozen, in freezing order (never empty)
     * @throws IOException when a file system could not be frozen, none was frozen, or {@link #thaw()}
     *     came first
     */
    List<String> freeze() throws IOException;

    /**
     * Thaws everything frozen so far, in reverse freezing order, trying every file system even after
     * a failure, and stops any further freezing. Idempotent.
     *
     * @throws IOException after all were tried, when some thaw failed
     */
    void thaw() throws IOException;
}
