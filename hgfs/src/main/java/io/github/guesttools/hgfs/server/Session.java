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

  void add(Handle h) {
    handles.put(h.id, h);
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
