package io.github.guesttools.rpc.tclo;

/** Where a handler runs. */
public enum Execution {
    /**
     * On a worker thread; the poll loop waits for it at most the handler bound and then answers
     * {@code ERROR Request timed out} (see {@link TcloService}). The default.
     */
    WORKER,
    /**
     * On the poll thread itself. Only for handlers that return at once without I/O (such as
     * {@code ping}), so they are answered even when every worker is busy.
     */
    POLL_THREAD
}
