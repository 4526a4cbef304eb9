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

    /** Package root to artifact, for the libraries the modules use. */
    static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("org.slf4j", "slf4j-api");
        LIBRARIES.put("com.sun.jna", "jna");
        LIBRARIES.put("org.apache.commons.compress", "commons-compress");
        LIBRARIES.put("org.apache.commons.io", "commons-io");
        LIBRARIES.put("org.apache.commons.lang3", "commons-lang3");
        LIBRARIES.put("org.apache.commons.codec", "commons-codec");
        LIBRARIES.put("org.tukaani.xz", "xz");
    }

    private Modules() {}

    /** The module or library artifact of {@code packageName}, empty for the JDK and unknown packages. */
    static Optional<String> artifactOf(String packageName) {
        return of(packageName).or(() -> longestRoot(LIBRARIES, packageName));
    }

    /** The module of {@code packageName}, empty for a package outside every root (the JDK, libraries). */
    static Optional<String> of(String packageName) {
        return longestRoot(ROOTS, packageName);
    }

    private static Optional<String> longestRoot(Map<String, String> roots, String packageName) {
        return roots.keySet().stream()
                .filter(root -> packageName.equals(root) || packageName.startsWith(root + "."))
                .max(Comparator.comparingInt(String::length))
                .map(roots::get);
    }
}
