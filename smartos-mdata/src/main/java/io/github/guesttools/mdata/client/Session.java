package io.github.guesttools.mdata.client;

import io.github.guesttools.mdata.internal.protocol.FrameException;
import io.github.guesttools.mdata.internal.protocol.LineBuffer;
import io.github.guesttools.mdata.internal.protocol.V1Codec;
import io.github.guesttools.mdata.internal.protocol.V2Frame;
import io.github.guesttools.mdata.internal.protocol.V2FrameCodec;
import io.github.guesttools.mdata.transport.Transport;
import io.github.guesttools.mdata.transport.TransportException;
import io.github.guesttools.mdata.transport.TransportOpener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client state machine of mdata-client's {@code proto.c}: open, drain, probe, negotiate, send,
 * await the matching reply; on a timeout or error reset and send again with a fresh id.
 */
final class Session {
    static final int PROBE_TIMEOUT_MS = 2000;
    static final int V1_TIMEOUT_MS = 6000;
    static final int V2_TIMEOUT_MS = 45000;
    static final int RETRY_PAUSE_MS = 1000;
    /** The longest drain before a probe: a line that never falls quiet is probed anyway. */
    static final int MAX_DRAIN_MS = 2000;

    private static final int MAX_LINE = 64 << 20;

    private final TransportOpener opener;
    private final RequestIds ids;
    private final Consumer<String> diagnostics;
    private final LineBuffer lines = new LineBuffer(MAX_LINE);
    private final byte[] readBuf = new byte[16384];
    private final int[] timeouts;
    private Transport transport;
    private boolean v2;
    private String probeRefusal;

    /** {@code timeouts}: probe, V1 line, V2 line, retry pause, in milliseconds. */
    Session(TransportOpener opener, RequestIds ids, Consumer<String> diagnostics, int[] timeouts) {
        this.opener = opener;
        this.ids = ids;
        this.diagnostics = diagnostics;
        this.timeouts = timeouts.clone();
    }

    static int[] defaultTimeouts() {
        return new int[] {PROBE_TIMEOUT_MS, V1_TIMEOUT_MS, V2_TIMEOUT_MS, RETRY_PAUSE_MS};
    }

    /** True once V2 has been negotiated on the current connection. */
    boolean isV2(Deadline deadline) throws MetadataException {
        ensureOpen(deadline);
        return v2;
    }

    /**
     * Sends one request until a reply arrives. {@code v1Line} is the V1 request line, or null when
     * the request exists only in V2; {@code payload} is the V2 payload (empty for none).
     */
    Reply execute(String code, String v1Line, byte[] payload, Deadline deadline) throws MetadataException {
        while (true) {
            ensureOpen(deadline);
            if (!v2 && v1Line == null) {
                throw new MetadataUnsupportedException(code);
            }
            try {
                Reply reply;
                if (v2) {
                    String id = ids.next();
                    transport.write(V2FrameCodec.encode(V2Frame.of(id, code, payload)));
                    reply = awaitV2(id, deadline);
                } else {
                    transport.write((v1Line + "\n").getBytes(StandardCharsets.UTF_8));
                    reply = awaitV1(deadline);
                }
                if (reply != null) {
                    return reply;
                }
                deadline.check("reply to " + code + " on " + opener.description());
                diagnostics.accept("receive timeout, resetting protocol...");
            } catch (IOException e) {
                deadline.check("reply to " + code + " on " + opener.description());
                diagnostics.accept("receive error (" + e.getMessage() + "), resetting protocol...");
                // A host that keeps dropping the connection must not make this a busy loop.
                pause(deadline.remainingMillis(timeouts[3]));
            }
            reset();
        }
    }

    void reset() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
        lines.clear();
    }

    private void ensureOpen(Deadline deadline) throws MetadataException {
        if (transport != null) {
            return;
        }
        long started = System.nanoTime();
        String problem = null;
        while (true) {
            if (problem != null) {
                deadline.check("connecting to " + opener.description() + ": " + problem);
            }
            Transport t = null;
            probeRefusal = null;
            try {
                t = TransportOpening.open(opener, deadline);
                lines.clear();
                t.drain(deadline.remainingMillis(MAX_DRAIN_MS));
                deadline.check("connecting to " + opener.description());
                if (probe(t, deadline) && negotiate(t, deadline)) {
                    transport = t;
                    return;
                }
                problem = probeRefusal != null ? "the host refused: " + probeRefusal : "Could not do active reset.";
            } catch (TransportException e) {
                if (e.isPermanent()) {
                    throw new MetadataUnavailableException(e.getMessage(), e);
                }
                problem = e.getMessage();
            } catch (MetadataTimeoutException e) {
                throw problem == null ? e : new MetadataTimeoutException(e.getMessage() + "; before: " + problem);
            } catch (IOException e) {
                problem = probeRefusal != null ? "the host refused: " + probeRefusal : e.getMessage();
            }
            if (t != null) {
                t.close();
            }
            long waited = (System.nanoTime() - started) / 1_000_000_000L;
            diagnostics.accept("waiting for the metadata host on " + opener.description() + " ("
                    + problem + " " + waited + " s so far"
                    + (deadline.isBounded() ? ")" : "; no deadline set, see MDATA_TIMEOUT)"));
            deadline.check("connecting to " + opener.description() + ": " + problem);
            pause(deadline.remainingMillis(timeouts[3]));
        }
    }

    private static void pause(long millis) throws MetadataException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataException("interrupted while waiting for the metadata host", e);
        }
    }

    /**
     * Sends the bare LF and waits for {@code invalid command}; other lines are stale garbage. A line
     * that only ends with it is the reply behind the unterminated tail of a stale line (a host that
     * stopped in the middle of a line): taken, rather than timing out and opening again. Taking a
     * stale reply is as safe as taking a stale exact line: the real one is skipped by negotiation.
     */
    private boolean probe(Transport t, Deadline deadline) throws IOException {
        t.write(new byte[] {'\n'});
        long end = System.nanoTime() + timeouts[0] * 1_000_000L;
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            byte[] line = readLine(t, (int) Math.max(0, left), deadline);
            if (line == null) {
                return false;
            }
            String s = text(line);
            if (s.endsWith(V1Codec.INVALID_COMMAND)) {
                return true;
            }
            if (s.startsWith(V1Codec.FAILURE + " ")) {
                probeRefusal = s.substring(V1Codec.FAILURE.length() + 1); // a host at its connection limit
            }
        }
    }

    private boolean negotiate(Transport t, Deadline deadline) throws IOException {
        t.write("NEGOTIATE V2\n".getBytes(StandardCharsets.US_ASCII));
        while (true) {
            byte[] line = readLine(t, timeouts[1], deadline);
            if (line == null) {
                return false;
            }
            String s = text(line);
            if (s.isEmpty() || V1Codec.INVALID_COMMAND.equals(s)) {
                continue; // a late reply to a probe
            }
            v2 = V1Codec.V2_OK.equals(s);
            return true;
        }
    }

    private Reply awaitV2(String id, Deadline deadline) throws IOException {
        while (true) {
            byte[] line = readLine(transport, timeouts[2], deadline);
            if (line == null) {
                return null;
            }
            V2Frame f = findFrame(line);
            if (f == null || !f.requestId().equals(id)) {
                continue; // garbage, a corrupted frame or a reply to someone else: keep reading
            }
            byte[] data;
            try {
                data = f.payloadBytes();
            } catch (IllegalArgumentException e) {
                return new Reply(Reply.Status.FAILURE, bytes("host sent a payload that is not base64"));
            }
            switch (f.code()) {
                case "SUCCESS":
                    return new Reply(Reply.Status.SUCCESS, data);
                case "NOTFOUND":
                    return new Reply(Reply.Status.NOTFOUND, data);
                case "FAILURE":
                    return new Reply(Reply.Status.FAILURE, data.length == 0 ? bytes(V1Codec.FAILURE) : data);
                default:
                    return new Reply(Reply.Status.FAILURE, bytes("unexpected reply code " + f.code()));
            }
        }
    }

    /**
     * Finds a valid frame in the line, also when noise precedes it (a stray byte glued to the front
     * of a frame was seen on shared lines, cloud-init LP#1746605). The CRC guards every candidate.
     */
    static V2Frame findFrame(byte[] line) {
        for (int i = 0; i + 2 < line.length; i++) {
            if (V2FrameCodec.startsFrame(line, i, line.length)) {
                try {
                    return V2FrameCodec.decode(line, i, line.length);
                } catch (FrameException e) {
                    // try a later "V2 " in the same line
                }
            }
        }
        return null;
    }

    private Reply awaitV1(Deadline deadline) throws IOException {
        while (true) {
            byte[] header = readLine(transport, timeouts[1], deadline);
            if (header == null) {
                return null;
            }
            String h = text(header);
            switch (h) {
                case V1Codec.SUCCESS:
                    return readV1Data(deadline);
                case V1Codec.NOTFOUND:
                    return new Reply(Reply.Status.NOTFOUND, new byte[0]);
                case V1Codec.INVALID_COMMAND:
                    return new Reply(Reply.Status.INVALID_COMMAND, new byte[0]);
                case "":
                case V1Codec.V2_OK:
                    continue;
                default:
                    if (V2FrameCodec.startsFrame(header, 0, header.length)) {
                        continue;
                    }
                    return new Reply(Reply.Status.FAILURE, bytes(h));
            }
        }
    }

    private Reply readV1Data(Deadline deadline) throws IOException {
        List<byte[]> data = new ArrayList<>();
        while (true) {
            byte[] line = readLine(transport, timeouts[1], deadline);
            if (line == null) {
                return null;
            }
            if (V1Codec.isTerminator(line)) {
                return new Reply(Reply.Status.SUCCESS, V1Codec.decodeData(data));
            }
            data.add(line);
        }
    }

    /** Reads one line; gives up after {@code idleMillis} without any byte, or at the deadline. */
    private byte[] readLine(Transport t, int idleMillis, Deadline deadline) throws IOException {
        long idleEnd = System.nanoTime() + idleMillis * 1_000_000L;
        while (true) {
            byte[] line = lines.nextLine();
            if (line != null) {
                return line;
            }
            long wait =
                    Math.min((idleEnd - System.nanoTime()) / 1_000_000L, deadline.remainingMillis(Integer.MAX_VALUE));
            if (wait <= 0) {
                return null;
            }
            int n = t.read(readBuf, (int) wait);
            if (n < 0) {
                throw new IOException("the host closed the connection");
            }
            if (n > 0) {
                lines.append(readBuf, 0, n);
                idleEnd = System.nanoTime() + idleMillis * 1_000_000L;
            }
        }
    }

    /** A header line as text, without the CR a host might add. */
    private static String text(byte[] line) {
        int len = line.length;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new String(line, 0, len, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
