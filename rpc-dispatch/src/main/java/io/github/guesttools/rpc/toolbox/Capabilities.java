package io.github.guesttools.rpc.toolbox;

import io.github.guesttools.rpc.rpci.RpciCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RPCI messages sent on {@code Capabilities_Register} ({@code docs/protocols/rpc.md} §5.2), in order. Immutable;
 * {@link #with} and {@link #withNoValue} add to a copy.
 */
public final class Capabilities {
    /** {@code TOOLS_VERSION_UNMANAGED}: vSphere shows the tools as guest managed. */
    public static final long VERSION_UNMANAGED = 0x7FFFFFFFL;

    private final List<byte[]> messages;

    private Capabilities(List<byte[]> messages) {
        this.messages = List.copyOf(messages);
    }

    /**
     * The default set: {@code tools.set.version 2147483647}, {@code tools.capability.statechange },
     * {@code tools.capability.softpowerop_retry }, {@code tools.capability.hgfs_server toolbox 1}.
     */
    public static Capabilities defaults() {
        return none().with("tools.set.version " + VERSION_UNMANAGED)
                .withNoValue("statechange")
                .withNoValue("softpowerop_retry")
                .with("tools.capability.hgfs_server toolbox 1");
    }

    /** An empty set. */
    public static Capabilities none() {
        return new Capabilities(List.of());
    }

    /** Adds a text command, sent with the trailing NUL. */
    public Capabilities with(String command) {
        List<byte[]> m = new ArrayList<>(messages);
        m.add(RpciCommand.text(command));
        return new Capabilities(m);
    }

    /** Adds a no-value capability, {@code tools.capability.<name> } without NUL. */
    public Capabilities withNoValue(String name) {
        List<byte[]> m = new ArrayList<>(messages);
        m.add(RpciCommand.noValueCapability(name));
        return new Capabilities(m);
    }

    /** The command bytes, in sending order (copies). */
    public List<byte[]> messages() {
        List<byte[]> out = new ArrayList<>(messages.size());
        for (byte[] b : messages) {
            out.add(b.clone());
        }
        return out;
    }

    @Override
    public String toString() {
        List<String> s = new ArrayList<>();
        for (byte[] b : messages) {
            s.add(new String(b, StandardCharsets.ISO_8859_1).replace("\0", ""));
        }
        return s.toString();
    }
}
