package io.github.guesttools.hgfs.server;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.HgfsException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions with unpredictable ids, per-caller limits, and expiry of idle ones. Each session belongs
 * to the caller that created it; another caller presenting its id gets {@code STALE_SESSION},
 * exactly as for an unknown id, so the answer does not tell a prober that the session exists.
 *
 * <p>Limits are per principal ({@link #quotaKey}): a user holding all of their sessions gets
 * {@code TOO_MANY_SESSIONS} while other users, and the agent's own TCLO {@code f} sessions (a
 * quota of their own), still get theirs.
 */
final class SessionTable {
    private static final Logger log = LoggerFactory.getLogger(SessionTable.class);

    private final ConcurrentMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final InstantSource clock;
    private final Duration idleTimeout;
    private final int maxPerUser;
    private final int maxAgent;

    SessionTable(InstantSource clock, Duration idleTimeout, int maxPerUser, int maxAgent) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxPerUser = maxPerUser;
        this.maxAgent = maxAgent;
    }

    /**
     * Whose quota a session counts against: the user name, with the agent's own requests apart. The
     * one place to change when callers carry a resolved account instead of a name.
     */
    static Object quotaKey(Caller caller) {
        return caller;
    }

    synchronized Session create(Caller owner) throws HgfsException {
        expireIdle();
        Object key = quotaKey(owner);
        int max = owner.agent() ? maxAgent : maxPerUser;
        long held = sessions.values().stream()
                .filter(s -> quotaKey(s.owner).equals(key))
                .count();
        if (held >= max) {
            throw new HgfsException(
                    HgfsStatus.TOO_MANY_SESSIONS, owner + " holds " + held + " sessions (limit " + max + ")");
        }
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || id == -1 || sessions.containsKey(id));
        Session s = new Session(id, owner, clock.instant());
        sessions.put(id, s);
        return s;
    }

    /**
     * The live session of {@code caller}, touched; {@code STALE_SESSION} when unknown, expired or
     * someone else's (which is logged, and does not keep that session alive).
     */
    Session get(long id, Caller caller) throws HgfsException {
        expireIdle();
        Session s = sessions.get(id);
        if (s == null) {
            throw new HgfsException(HgfsStatus.STALE_SESSION, "unknown session " + Long.toUnsignedString(id, 16));
        }
        if (!s.owner.equals(caller)) {
            // the id is a bearer secret of its owner: log only its last 16 bits
            log.warn(
                    "HGFS session ...{} of {} presented by {}: refused",
                    String.format("%04x", id & 0xFFFF),
                    s.owner,
                    caller);
            throw new HgfsException(HgfsStatus.STALE_SESSION, "session of another caller");
        }
        s.touch(clock.instant());
        return s;
    }

    void destroy(Session s) {
        if (sessions.remove(s.id, s)) {
            s.closeAll();
        }
    }

    int size() {
        return sessions.size();
    }

    /** Closes sessions idle for longer than the timeout; cheap, since sessions are few. */
    void expireIdle() {
        Instant cutoff = clock.instant().minus(idleTimeout);
        List<Session> expired = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.lastUsed().isBefore(cutoff) && sessions.remove(s.id, s)) {
                expired.add(s);
            }
        }
        for (Session s : expired) {
            log.info(
                    "HGFS session {} idle since {}: expired, {} handle(s) closed",
                    Long.toUnsignedString(s.id, 16),
                    s.lastUsed(),
                    s.handleCount());
            s.closeAll();
        }
    }

    void closeAll() {
        for (Session s : new ArrayList<>(sessions.values())) {
            destroy(s);
        }
    }
}
