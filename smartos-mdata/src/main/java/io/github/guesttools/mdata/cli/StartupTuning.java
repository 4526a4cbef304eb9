package io.github.guesttools.mdata.cli;

import java.util.Locale;

/**
 * System properties that spare a short-lived tool work it does not need; each is set only when
 * the user has not set it. Measured in docs/PERFORMANCE.md ("SmartOS metadata tools").
 */
final class StartupTuning {
    private static final String SELECTOR = "java.nio.channels.spi.SelectorProvider";
    private static final String JNA_PATH = "jna.platform.library.path";

    private StartupTuning() {}

    static void apply() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        // Naming the platform's selector skips a ServiceLoader scan of every jar on the class path
        // (a large signed one costs most), the costliest step of opening a Unix socket.
        String selector = null;
        if (os.contains("linux")) {
            selector = "sun.nio.ch.EPollSelectorProvider";
        } else if (os.contains("sunos")) {
            selector = "sun.nio.ch.DevPollSelectorProvider";
        } else if (os.contains("bsd") || os.contains("mac")) {
            selector = "sun.nio.ch.KQueueSelectorProvider";
        }
        if (selector != null && System.getProperty(SELECTOR) == null) {
            System.setProperty(SELECTOR, selector);
        }
        // With a platform path given, JNA does not run "ldconfig -p" to build one; libc is loaded by
        // its versioned name, which the dynamic linker finds on its own.
        if (System.getProperty(JNA_PATH) == null) {
            System.setProperty(JNA_PATH, "/lib:/usr/lib");
        }
    }
}
