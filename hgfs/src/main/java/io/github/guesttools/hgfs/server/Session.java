package io.github.guesttools.hgfs.server;

import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.HgfsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One HGFS session: the caller it belongs to, its open handles and when it was last used. */
final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    final long id;
    final Caller owner;
    private final ConcurrentMap<Long, Handle> handles = new ConcurrentHashMap<>();
    private volatile Instant lastUsed;
    private boolean closed;

    Session(long id, Caller owner, Instant now) {
        this.id = id;
        this.owner = owner;
        this.lastUsed = now;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    /**
     * Adds {@code h} unless the session already holds {@code max} handles or was closed meanwhile
     * (an open racing with DestroySession or expiry must not leak its descriptor).
     */
    synchronized boolean add(Handle h, int max) {
        if (closed || handles.size() >= max) {
            return false;
        }
        handles.put(h.id, h);
        return true;
    }

    Handle get(long handle) {
        return handles.get(handle);
    }

    Handle remove(long handle) {
        return handles.remove(handle);
    }

    int handleCount() {
        return handles.size();
    }

    /** Closes every handle still open (DestroySession, expiry). */
    void closeAll() {
        synchronized (this) {
            closed = true;
        }
        List<Handle> all = new ArrayList<>(handles.values());
        handles.clear();
        for (Handle h : all) {
            try {
                h.close();
            } catch (HgfsException e) {
                log.debug("closing handle {} of session {}: {}", h.id, id, e.getMessage());
            }
        }
    }
}
