package io.github.guesttools.rpc.toolbox;

import io.github.guesttools.rpc.tclo.RpcHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Set_Option <name> <value>}: the value is everything after the first space. Options with a
 * listener are applied; other well-formed options are accepted as govmomi does. Without a name or
 * a value the reply is {@code ERROR Invalid option} (the govmomi toolbox crashed on that).
 */
final class SetOptionHandler implements RpcHandler {
    static final String INVALID = "Invalid option";

    private final Map<String, OptionListener> listeners = new ConcurrentHashMap<>();

    void listen(String name, OptionListener listener) {
        listeners.put(name, listener);
    }

    @Override
    public byte[] handle(byte[] args) throws Exception {
        String text = new String(args, StandardCharsets.ISO_8859_1);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\0') {
            end--;
        }
        text = text.substring(0, end);
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            throw new IllegalArgumentException(INVALID);
        }
        OptionListener l = listeners.get(text.substring(0, space));
        if (l != null) {
            l.apply(text.substring(space + 1));
        }
        return new byte[0];
    }
}
