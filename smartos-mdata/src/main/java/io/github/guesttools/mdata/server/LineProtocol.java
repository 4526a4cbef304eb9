package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.internal.protocol.FrameException;
import io.github.guesttools.mdata.internal.protocol.V1Codec;
import io.github.guesttools.mdata.internal.protocol.V2Frame;
import io.github.guesttools.mdata.internal.protocol.V2FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one received line into the bytes of the reply: decides V1 or V2 per line (the host keeps
 * no version state), decodes, asks the {@link RequestHandler}, encodes.
 *
 * <p>A V2 frame that fails validation is dropped silently when {@code silentOnBadFrames} is set,
 * as {@code agent.js} does; otherwise it is answered (FAILURE with the reason, when its request id
 * can be read), which spares the client a 45 s timeout. A request longer than the host's limit is
 * always answered with FAILURE and the limit: it is not malformed, only more than this host
 * accepts.
 */
final class LineProtocol {
    private static final Pattern V1_LINE = Pattern.compile("([^\\s]+)\\s?(.*)", Pattern.DOTALL);
    private static final byte[] INVALID = bytes(V1Codec.INVALID_COMMAND + "\n");

    private final RequestHandler handler;
    private final boolean silentOnBadFrames;
    private final boolean v1Only;

    LineProtocol(RequestHandler handler, boolean silentOnBadFrames) {
        this(handler, silentOnBadFrames, false);
    }

    /** {@code v1Only} plays a host from before V2 (smartos-live OS-2573): frames are unknown commands. */
    LineProtocol(RequestHandler handler, boolean silentOnBadFrames, boolean v1Only) {
        this.handler = handler;
        this.silentOnBadFrames = silentOnBadFrames;
        this.v1Only = v1Only;
    }

    /**
     * Returns the reply to {@code line} (without its LF), or null for no reply. {@code truncated}
     * says the line was too long and only its beginning is given.
     */
    byte[] reply(byte[] line, boolean truncated) {
        String text = ByteText.decode(line);
        if (text.startsWith("V2") && !v1Only) {
            return replyV2(text, truncated);
        }
        if (truncated) {
            return bytes(V1Codec.FAILURE + "\n");
        }
        String trimmed = text.stripTrailing();
        Matcher m = V1_LINE.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            return INVALID;
        }
        if (v1Only && m.group(1).equals("NEGOTIATE") && !m.group(2).isEmpty()) {
            return bytes(V1Codec.FAILURE + "\n");
        }
        return encodeV1(handler.handleV1(m.group(1), m.group(2)));
    }

    private byte[] replyV2(String text, boolean truncated) {
        V2Frame request;
        try {
            request = V2FrameCodec.decodeRequest(text);
            if (truncated) {
                throw new FrameException("request too large", request.requestId());
            }
        } catch (FrameException e) {
            String id = e.requestId();
            if (truncated) {
                // Not a malformed frame but one beyond our own limit (agent.js has none and would have
                // answered): silence would make the client resend it forever, so it is always refused.
                String reason = "Request too large (limit " + handler.maxValueBytes() + " bytes per value)";
                return id == null
                        ? bytes(V1Codec.FAILURE + "\n")
                        : V2FrameCodec.encode(V2Frame.of(id, "FAILURE", bytes(reason)));
            }
            if (e.badPayloadOf() != null) {
                // Length and CRC are right: agent.js answers, its base64 decoding fails the command.
                return V2FrameCodec.encode(
                        V2Frame.of(id, "FAILURE", bytes("Invalid " + e.badPayloadOf() + " Request")));
            }
            if (silentOnBadFrames) {
                return null;
            }
            if (id == null) {
                return INVALID;
            }
            return V2FrameCodec.encode(V2Frame.of(id, "FAILURE", bytes("Invalid frame: " + e.getMessage())));
        }
        byte[] payload;
        try {
            payload = request.payloadBytes();
        } catch (IllegalArgumentException e) {
            return V2FrameCodec.encode(
                    V2Frame.of(request.requestId(), "FAILURE", bytes("Invalid " + request.code() + " Request")));
        }
        HostReply r = handler.handleV2(request.code(), payload);
        byte[] data = r.payload() == null ? new byte[0] : r.payload();
        return V2FrameCodec.encode(V2Frame.of(request.requestId(), r.status().name(), data));
    }

    private static byte[] encodeV1(HostReply r) {
        switch (r.status()) {
            case SUCCESS:
                return V1Codec.encodeSuccess(r.payload() == null ? new byte[0] : r.payload());
            case INVALID_COMMAND:
                return INVALID;
            case V2_OK:
                return bytes(V1Codec.V2_OK + "\n");
            default:
                return bytes(r.status().name() + "\n");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
