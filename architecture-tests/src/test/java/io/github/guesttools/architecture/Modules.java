package io.github.guesttools.architecture;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which module each package belongs to. Every module owns its own package roots (no package is
 * split between jars), so the longest matching root names the module.
 */
final class Modules {
    /** Package root to module, the tour's roots before vmware-toolbox's. */
    static final Map<String, String> ROOTS = new LinkedHashMap<>();

    static {
        ROOTS.put("io.github.guesttools.backdoor.simulator", "backdoor-simulator");
        ROOTS.put("io.github.guesttools.backdoor", "backdoor-transport");
        ROOTS.put("io.github.guesttools.rpc", "rpc-dispatch");
        ROOTS.put("io.github.guesttools.identity", "guest-identity");
        ROOTS.put("io.github.guesttools.hgfs", "hgfs");
        ROOTS.put("io.github.guesttools.process", "process-manager");
        ROOTS.put("io.github.guesttools.toolbox.tour", "vmware-toolbox-tour");
        ROOTS.put("io.github.guesttools.toolbox.hostsim", "vmware-toolbox-tour");
        ROOTS.put("io.github.guesttools.toolbox", "vmware-toolbox");
        ROOTS.put("io.github.guesttools.mdata", "smartos-mdata");
    }

    private Modules() {}

    /** The module of {@code packageName}, empty for a package outside every root (the JDK, libraries). */
    static Optional<String> of(String packageName) {
        return ROOTS.keySet().stream()
                .filter(root -> packageName.equals(root) || packageName.startsWith(root + "."))
                .max(Comparator.comparingInt(String::length))
                .map(ROOTS::get);
    }
}
