package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.internal.protocol.PutPayload;
import java.nio.charset.StandardCharsets;

/**
 * The meaning of a request, once unframed: the dispatch of {@code agent.js}. PUT and DELETE exist
 * only inside V2 frames; NEGOTIATE only outside them.
 */
final class RequestHandler {
    private static final byte[] OK = {'O', 'K'};
    private final MetadataStore store;

    RequestHandler(MetadataStore store) {
        this.store = store;
    }

    /** The limit of a stored value, for messages. */
    int maxValueBytes() {
        return store.maxValueBytes();
    }

    /** A bare V1 line, already split into command and argument. */
    HostReply handleV1(String command, String argument) {
        switch (command) {
            case "GET":
                if (argument.isEmpty()) {
                    return HostReply.of(HostReply.Status.INVALID_COMMAND);
                }
                return get(argument.strip(), false);
            case "KEYS":
                return keys();
            case "NEGOTIATE":
                if (argument.isEmpty()) {
                    return HostReply.of(HostReply.Status.INVALID_COMMAND);
                }
                return HostReply.of("V2".equals(argument) ? HostReply.Status.V2_OK : HostReply.Status.FAILURE);
            default:
                return HostReply.of(HostReply.Status.FAILURE);
        }
    }

    /** A V2 request: the frame's code and decoded payload. */
    HostReply handleV2(String code, byte[] payload) {
        switch (code) {
            case "GET":
                if (payload.length == 0) {
                    return HostReply.failure("Invalid GET Request");
                }
                return get(text(payload).strip(), true);
            case "KEYS":
                return keys();
            case "PUT":
                return put(payload);
            case "DELETE":
                if (payload.length == 0) {
                    return HostReply.failure("Invalid DELETE Request");
                }
                try {
                    store.delete(text(payload).strip());
                    return new HostReply(HostReply.Status.SUCCESS, OK);
                } catch (MetadataRefusedException e) {
                    return HostReply.failure(e.getMessage());
                }
            default:
                return HostReply.failure("Unknown command " + code);
        }
    }

    private HostReply get(String key, boolean framed) {
        if (key.isEmpty()) {
            return framed ? HostReply.failure("Invalid GET Request") : HostReply.of(HostReply.Status.INVALID_COMMAND);
        }
        Lookup l = store.get(key);
        if (l instanceof Lookup.Found) {
            return new HostReply(HostReply.Status.SUCCESS, ((Lookup.Found) l).value());
        }
        if (l instanceof Lookup.NotScalar) {
            return HostReply.of(HostReply.Status.FAILURE);
        }
        return HostReply.of(HostReply.Status.NOTFOUND);
    }

    private HostReply keys() {
        return new HostReply(
                HostReply.Status.SUCCESS, String.join("\n", store.keys()).getBytes(StandardCharsets.UTF_8));
    }

    private HostReply put(byte[] payload) {
        PutPayload.Decoded d;
        try {
            d = PutPayload.decode(payload);
        } catch (IllegalArgumentException e) {
            return HostReply.failure("Invalid PUT Request");
        }
        String key = text(d.key()).strip();
        if (key.isEmpty()) {
            return HostReply.failure("Invalid PUT Request");
        }
        try {
            store.put(key, d.value());
            return new HostReply(HostReply.Status.SUCCESS, OK);
        } catch (MetadataRefusedException e) {
            return HostReply.failure(e.getMessage());
        }
    }

    private static String text(byte[] b) {
        return ByteText.decode(b);
    }
}
