package io.github.guesttools.rpc.tclo;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Handlers by RPC name; safe to change while the loop runs. */
public final class HandlerRegistry {

    /** A registered handler and where it runs. */
    record Entry(RpcHandler handler, Execution execution) {}

    private final Map<String, Entry> handlers = new ConcurrentHashMap<>();

    /** Registers {@code handler} for {@code name} on a worker thread, replacing any previous one. */
    public void register(String name, RpcHandler handler) {
        register(name, handler, Execution.WORKER);
    }

    /** Registers {@code handler} for {@code name} with the given execution, replacing any previous one. */
    public void register(String name, RpcHandler handler, Execution execution) {
        if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("RPC names are non-empty and contain no space or NUL: " + name);
        }
        handlers.put(name, new Entry(handler, execution));
    }

    /** Removes the handler for {@code name}; returns whether there was one. */
    public boolean unregister(String name) {
        return handlers.remove(name) != null;
    }

    /** The registered names. */
    public Set<String> names() {
        return Set.copyOf(handlers.keySet());
    }

    Entry lookup(String name) {
        return handlers.get(name);
    }
}
