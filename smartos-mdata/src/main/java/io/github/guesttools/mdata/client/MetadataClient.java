package io.github.guesttools.mdata.client;

import io.github.guesttools.mdata.internal.protocol.PutPayload;
import io.github.guesttools.mdata.transport.TransportException;
import io.github.guesttools.mdata.transport.TransportOpener;
import io.github.guesttools.mdata.transport.TransportSelector;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads and writes SmartOS/Triton instance metadata.
 *
 * <pre>{@code
 * try (MetadataClient md = MetadataClient.builder().deadline(Duration.ofSeconds(30)).build()) {
 *   String uuid = md.get("sdc:uuid");
 *   md.put("status", "ready");
 * }
 * }</pre>
 *
 * <p>The connection is opened on first use and kept until {@link #close()}; on a serial line it
 * holds the line's lock meanwhile, so close promptly. Without a deadline a silent host makes calls
 * wait forever, as mdata-client does (boot scripts rely on that while the host agent starts);
 * progress messages go to the diagnostics sink. Methods are thread-safe (serialised).
 */
public final class MetadataClient implements Closeable {
    private final Session session;
    private final long deadlineMillis;

    private MetadataClient(Session session, long deadlineMillis) {
        this.session = session;
        this.deadlineMillis = deadlineMillis;
    }

    /** A builder: automatic transport (or {@code MDATA_TRANSPORT}), no deadline, no diagnostics. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the value of {@code key} as bytes, exactly as the host stores them (over V2 any byte,
     * NUL and CR included, survives).
     *
     * @throws MetadataNotFoundException when the key has no value
     * @throws MetadataHostException when the host refuses (e.g. an object-valued {@code sdc:} key)
     */
    public synchronized byte[] getBytes(String key) throws MetadataException {
        byte[] k = keyBytes(key);
        Reply r = session.execute("GET", v1Line("GET", key), k, deadline());
        return expect(r, "GET", key);
    }

    /** Returns the value of {@code key} decoded as UTF-8; see {@link #getBytes(String)}. */
    public String get(String key) throws MetadataException {
        return new String(getBytes(key), StandardCharsets.UTF_8);
    }

    /** Returns the value of {@code key}, or empty when the host has none. */
    public Optional<String> find(String key) throws MetadataException {
        try {
            return Optional.of(get(key));
        } catch (MetadataNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Lists the keys the guest may see (never {@code sdc:} keys), in the host's order. */
    public synchronized List<String> keys() throws MetadataException {
        Reply r = session.execute("KEYS", "KEYS", new byte[0], deadline());
        String text = new String(expect(r, "KEYS", null), StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        for (String k : text.split("\n", -1)) {
            if (!k.isEmpty()) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Stores {@code value} under {@code key} (needs a V2 host).
     *
     * @throws IllegalArgumentException for an empty value, which the protocol cannot carry
     * @throws MetadataUnsupportedException on a V1-only host
     */
    public synchronized void put(String key, byte[] value) throws MetadataException {
        if (value.length == 0) {
            throw new IllegalArgumentException("an empty value cannot be stored: the protocol cannot carry it");
        }
        byte[] payload = PutPayload.encode(keyBytes(key), value);
        expect(session.execute("PUT", null, payload, deadline()), "PUT", key);
    }

    /** Stores the UTF-8 bytes of {@code value}; see {@link #put(String, byte[])}. */
    public void put(String key, String value) throws MetadataException {
        put(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes {@code key} (needs a V2 host); deleting a missing key succeeds. */
    public synchronized void delete(String key) throws MetadataException {
        expect(session.execute("DELETE", null, keyBytes(key), deadline()), "DELETE", key);
    }

    /** True when the host speaks V2 (connects if needed). */
    public synchronized boolean supportsV2() throws MetadataException {
        return session.isV2(deadline());
    }

    /** Closes the connection (and releases the serial line's lock). */
    @Override
    public synchronized void close() {
        session.reset();
    }

    private Deadline deadline() {
        return deadlineMillis <= 0 ? Deadline.NONE : Deadline.after(deadlineMillis);
    }

    private static byte[] keyBytes(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The V1 form, or null when the key cannot travel in a V1 line. */
    private static String v1Line(String command, String key) {
        return key.indexOf('\n') >= 0 ? null : command + " " + key;
    }

    private static byte[] expect(Reply r, String op, String key) throws MetadataException {
        switch (r.status()) {
            case SUCCESS:
                return r.data();
            case NOTFOUND:
                throw new MetadataNotFoundException(key == null ? "" : key);
            case INVALID_COMMAND:
                throw new MetadataUnsupportedException(op);
            default:
                throw new MetadataHostException(new String(r.data(), StandardCharsets.UTF_8));
        }
    }

    /** Configures a {@link MetadataClient}. */
    public static final class Builder {
        private TransportOpener opener;
        private String address;
        private long deadlineMillis;
        private Consumer<String> diagnostics = Silent.INSTANCE;
        private RequestIds ids = RequestIds.RANDOM;
        private int[] timeouts = Session.defaultTimeouts();

        private Builder() {}

        /** An explicit address: {@code unix:PATH}, {@code serial:PATH} or a path. */
        public Builder transport(String address) {
            this.address = address;
            return this;
        }

        /** An explicit transport opener. */
        public Builder transport(TransportOpener opener) {
            this.opener = opener;
            return this;
        }

        /** Gives up each call after {@code deadline} with {@link MetadataTimeoutException}; zero means never. */
        public Builder deadline(Duration deadline) {
            this.deadlineMillis = deadline.toMillis();
            return this;
        }

        /** Where progress messages go ("receive timeout, resetting protocol..."); default: nowhere. */
        public Builder diagnostics(Consumer<String> sink) {
            this.diagnostics = sink;
            return this;
        }

        /** Probe, V1 line, V2 line and retry-pause times in milliseconds (tests shorten them). */
        Builder timeouts(int probe, int v1, int v2, int pause) {
            this.timeouts = new int[] {probe, v1, v2, pause};
            return this;
        }

        Builder requestIds(RequestIds ids) {
            this.ids = ids;
            return this;
        }

        /**
         * Creates the client; nothing is opened yet.
         *
         * @throws MetadataUnavailableException when no transport is known for this system
         */
        public MetadataClient build() throws MetadataUnavailableException {
            TransportOpener o = opener;
            if (o == null) {
                String a = address != null ? address : System.getenv(TransportSelector.ENV);
                try {
                    o = TransportSelector.select(a);
                } catch (TransportException e) {
                    throw new MetadataUnavailableException(e.getMessage(), e);
                }
            }
            return new MetadataClient(new Session(o, ids, diagnostics, timeouts), deadlineMillis);
        }
    }

    private static final class Silent implements Consumer<String> {
        static final Silent INSTANCE = new Silent();

        @Override
        public void accept(String message) {
            // diagnostics off by default for library use
        }
    }
}
