package io.github.guesttools.architecture;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Which module each package belongs to. Every module owns its own package roots (no package is
 * split between jars), so the longest matching root names the module.
 */
final class Modules {
    /** Package root to module (order does not matter: the longest matching root wins). */
    static final Map<String, String> ROOTS = Map.of(
            "io.github.guesttools.backdoor.simulator", "backdoor-simulator",
            "io.github.guesttools.backdoor", "backdoor-transport",
            "io.github.guesttools.rpc", "rpc-dispatch",
            "io.github.guesttools.identity", "guest-identity",
            "io.github.guesttools.hgfs", "hgfs",
            "io.github.guesttools.process", "process-manager",
            "io.github.guesttools.toolbox.tour", "vmware-toolbox-tour",
            "io.github.guesttools.toolbox.hostsim", "vmware-toolbox-tour",
            "io.github.guesttools.toolbox", "vmware-toolbox",
            "io.github.guesttools.mdata", "smartos-mdata");

    /** Package root to artifact, for the libraries the modules use. */
    static final Map<String, String> LIBRARIES = Map.of(
            "org.slf4j", "slf4j-api",
            "com.sun.jna", "jna",
            "org.apache.commons.compress", "commons-compress",
            "org.apache.commons.io", "commons-io",
            "org.apache.commons.lang3", "commons-lang3",
            "org.apache.commons.codec", "commons-codec",
            "org.tukaani.xz", "xz");

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
