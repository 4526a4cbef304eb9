package io.github.guesttools.hgfs.server;

import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsProtocolException;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.local.LocalFileHandler;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest's HGFS server for vSphere file transfers: {@link #handle} takes one request packet and
 * returns the reply packet. Thread-safe. Every failure, including a malformed packet, becomes an
 * error reply; nothing is thrown.
 *
 * <p>Each request comes from a {@link Caller}: a session, and the handles opened in it, belong to
 * the caller that created it; another caller using its id gets {@code STALE_SESSION} (logged), as
 * for an unknown session. Handlers see the caller ({@link FileHandler#open(Caller, TransferPath,
 * io.github.guesttools.hgfs.spi.OpenOptions)}). The methods without a caller act as {@link
 * Caller#AGENT}.
 *
 * <pre>{@code
 * HgfsServer server = HgfsServer.builder()
 *     .handler("archive", new ArchiveHandler())
 *     .handler("proc", processFiles)
 *     .build();
 * byte[] reply = server.handle(request);
 * }</pre>
 */
public final class HgfsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HgfsServer.class);

    /** The largest packet the VMX uses ({@code hgfs.packetSize.large = FALSE}): 15 pages + 2048. */
    public static final int MAX_PACKET_SIZE = 0xF800;

    private final SessionTable sessions;
    private final PathResolver resolver;
    private final Operations operations;

    private HgfsServer(Builder b) {
        this.sessions = new SessionTable(b.clock, b.idleTimeout, b.maxSessionsPerUser, b.maxAgentSessions);
        this.resolver = new PathResolver(b.handlers, b.local);
        this.operations = new Operations(sessions, resolver, b.clock, MAX_PACKET_SIZE, b.maxHandlesPerSession);
    }

    /**
     * A builder with the defaults: local file system only, {@value Builder#DEFAULT_SESSIONS_PER_USER}
     * sessions per user, {@value Builder#DEFAULT_AGENT_SESSIONS} for the agent itself, {@value
     * Builder#DEFAULT_HANDLES_PER_SESSION} handles per session, 120 s idle expiry.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Answers one request packet of the agent itself ({@link Caller#AGENT}). */
    public byte[] handle(byte[] request) {
        return handle(Caller.AGENT, request);
    }

    /** Answers one request packet sent by {@code caller}. */
    public byte[] handle(Caller caller, byte[] request) {
        Objects.requireNonNull(caller, "caller");
        return answer(request, packet -> operations.dispatch(packet, caller), reply -> reply);
    }

    /**
     * {@link #handle(Caller, byte[], byte[], int)} for the agent itself ({@link Caller#AGENT}).
     *
     * @return the length of the reply
     */
    public int handle(byte[] request, byte[] out, int offset) {
        return handle(Caller.AGENT, request, out, offset);
    }

    /**
     * Answers one request packet into {@code out} at {@code offset}, which must have room for
     * {@link #MAX_PACKET_SIZE} bytes; ReadV3 data is read straight into it. Lets a caller reuse one
     * buffer and put its own prefix (VIX's {@code "OK 0 0 #"}) in front without copying.
     *
     * @return the length of the reply
     */
    public int handle(Caller caller, byte[] request, byte[] out, int offset) {
        Objects.requireNonNull(caller, "caller");
        if (offset < 0 || out.length - offset < MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("reply buffer needs " + MAX_PACKET_SIZE + " bytes");
        }
        return answer(
                request,
                packet -> operations.dispatchInto(packet, caller, out, offset),
                reply -> copy(reply, out, offset));
    }

    /** How a decoded request is answered. */
    private interface Answer<T> {
        T apply(HgfsPacket packet) throws HgfsException, HgfsProtocolException;
    }

    private <T> T answer(byte[] request, Answer<T> answer, Function<byte[], T> error) {
        HgfsHeader header;
        try {
            if (request.length > MAX_PACKET_SIZE) {
                throw new HgfsProtocolException("packet of " + request.length + " bytes exceeds 0xF800");
            }
            header = HgfsCodec.decodeHeader(request);
        } catch (HgfsProtocolException e) {
            log.debug("undecodable HGFS header: {}", e.getMessage());
            return error.apply(framingError(request, e.status()));
        }
        try {
            return answer.apply(HgfsCodec.decodeRequest(request));
        } catch (HgfsProtocolException e) {
            log.debug("malformed HGFS op {}: {}", header.op(), e.getMessage());
            return error.apply(error(header, e.status()));
        } catch (HgfsException e) {
            log.debug("HGFS op {} failed: {} ({})", header.op(), e.status(), e.getMessage());
            return error.apply(error(header, e.status()));
        } catch (RuntimeException e) {
            log.warn("HGFS op {} failed unexpectedly", header.op(), e);
            return error.apply(error(header, HgfsStatus.GENERIC_ERROR));
        }
    }

    private static int copy(byte[] reply, byte[] out, int offset) {
        System.arraycopy(reply, 0, out, offset, reply.length);
        return reply.length;
    }

    /**
     * Attributes of a guest path as a transfer would see them (for VIX's InitiateFileTransfer ops:
     * existence, size, "retry later"), for the agent itself.
     */
    public FileAttributes stat(String path) throws HgfsException {
        return stat(Caller.AGENT, path);
    }

    /** Attributes of a guest path as a transfer by {@code caller} would see them. */
    public FileAttributes stat(Caller caller, String path) throws HgfsException {
        Objects.requireNonNull(caller, "caller");
        return resolver.apply(path, (h, p) -> h.stat(caller, p));
    }

    /** Open sessions (after expiring idle ones). */
    public int sessionCount() {
        sessions.expireIdle();
        return sessions.size();
    }

    /** Closes every session and handle. */
    @Override
    public void close() {
        sessions.closeAll();
    }

    static byte[] error(HgfsHeader request, HgfsStatus status) {
        return HgfsCodec.encode(
                new HgfsPacket(request.reply(status), io.github.guesttools.hgfs.codec.HgfsMessage.Raw.EMPTY));
    }

    /** A reply to a packet without a usable V4 header: echo what is there, best effort. */
    private static byte[] framingError(byte[] request, HgfsStatus status) {
        ByteBuffer in = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
        boolean v4 = request.length >= 8 && in.getInt(4) == HgfsOp.NEW_HEADER;
        if (!v4) {
            // legacy HgfsReply {id, status}
            return ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(request.length >= 4 ? in.getInt(0) : 0)
                    .putInt(status.code())
                    .array();
        }
        long requestId = request.length >= 20 ? Integer.toUnsignedLong(in.getInt(16)) : 0;
        int op = request.length >= 24 ? in.getInt(20) : 0;
        long session = request.length >= 44 ? in.getLong(36) : 0;
        return error(HgfsHeader.request(requestId, op, session), status);
    }

    /** Configures a server. */
    public static final class Builder {
        private final Map<String, FileHandler> handlers = new HashMap<>();
        private FileHandler local = new LocalFileHandler();
        private InstantSource clock = InstantSource.system();
        /** Default sessions one user may hold at once. */
        public static final int DEFAULT_SESSIONS_PER_USER = 8;
        /** Default sessions of the agent itself (TCLO {@code f}); vmtoolsd's overall limit. */
        public static final int DEFAULT_AGENT_SESSIONS = 25;
        /** Default open handles per session (each is a file descriptor). */
        public static final int DEFAULT_HANDLES_PER_SESSION = 256;

        private Duration idleTimeout = Duration.ofSeconds(120);
        private int maxSessionsPerUser = DEFAULT_SESSIONS_PER_USER;
        private int maxAgentSessions = DEFAULT_AGENT_SESSIONS;
        private int maxHandlesPerSession = DEFAULT_HANDLES_PER_SESSION;

        private Builder() {}

        /** Serves paths of {@code scheme} ({@code proc}, {@code archive}, ...) with {@code handler}. */
        public Builder handler(String scheme, FileHandler handler) {
            handlers.put(scheme, handler);
            return this;
        }

        /** Replaces the local file-system handler (the fall-through for every path). */
        public Builder localHandler(FileHandler handler) {
            this.local = handler;
            return this;
        }

        /** The clock for session expiry (a controllable one in tests). */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /** Sessions unused for this long are destroyed with their handles (vmtoolsd: 120 s). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Sets both {@link #maxSessionsPerUser} and {@link #maxAgentSessions}. */
        public Builder maxSessions(int max) {
            return maxSessionsPerUser(max).maxAgentSessions(max);
        }

        /** A user holding this many sessions gets {@code TOO_MANY_SESSIONS} for another. */
        public Builder maxSessionsPerUser(int max) {
            this.maxSessionsPerUser = positive(max);
            return this;
        }

        /** The agent's own sessions (TCLO {@code f}), counted apart from every user's. */
        public Builder maxAgentSessions(int max) {
            this.maxAgentSessions = positive(max);
            return this;
        }

        /**
         * A session holding this many open handles gets {@code GENERIC_ERROR} for another open
         * (HGFS has no "too many open files" status; open-vm-tools answers the same).
         */
        public Builder maxHandlesPerSession(int max) {
            this.maxHandlesPerSession = positive(max);
            return this;
        }

        private static int positive(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a limit must be at least 1, not " + n);
            }
            return n;
        }

        public HgfsServer build() {
            return new HgfsServer(this);
        }
    }
}
