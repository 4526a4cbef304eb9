package io.github.guesttools.toolbox.agent;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings a running agent takes from a changed {@code toolbox.conf} without a restart, under open-vm-tools'
 * names (module README, "Configuration changes at run time"). A bad value is logged and its default used: a
 * typo here never stops the agent.
 *
 * @param timeSyncDisableAll {@code [timeSync] disable-all}: no clock correction at all (requests still answered)
 * @param timeSyncDisablePeriodic {@code [timeSync] disable-periodic}: the periodic loop corrects nothing
 * @param timeSyncWithNtp {@code [timeSync] periodic-with-ntp}: the loop corrects even when an NTP client runs
 * @param diskInfo the inverse of {@code [guestinfo] disable-query-diskinfo}: send the disk list
 */
public record ReloadableSettings(
        boolean timeSyncDisableAll, boolean timeSyncDisablePeriodic, boolean timeSyncWithNtp, boolean diskInfo) {
    /** Everything on except the two {@code disable-*} switches and {@code periodic-with-ntp}. */
    public static final ReloadableSettings DEFAULT = new ReloadableSettings(false, false, false, true);

    private static final Logger LOG = LoggerFactory.getLogger(ReloadableSettings.class);

    /** Takes (removes) the keys from {@code s}; never throws for a value. */
    static ReloadableSettings take(Map<String, String> s) {
        if (flag(s, "timeSync.timeInfo.enabled", false)) {
            LOG.info("toolbox.conf: [timeSync] timeInfo.enabled is not supported (no precision-clock API); ignored");
        }
        return new ReloadableSettings(
                flag(s, "timeSync.disable-all", false),
                flag(s, "timeSync.disable-periodic", false),
                flag(s, "timeSync.periodic-with-ntp", false),
                !flag(s, "guestinfo.disable-query-diskinfo", false));
    }

    /**
     * Takes every {@code logging.*} key (open-vm-tools' {@code [logging]} section: handlers, files and levels per
     * log domain, which this agent does not have) and returns the level of {@code vmtoolsd.level}, else {@code
     * vmsvc.level}, in the agent's words: error and critical → error, warning → warn, message and info → info,
     * debug → debug. Null when neither is set or the value is not one of the six (logged).
     */
    static String loggingLevel(Map<String, String> s) {
        String v = s.remove("logging.vmtoolsd.level");
        String vmsvc = s.remove("logging.vmsvc.level");
        String key = v != null ? "logging.vmtoolsd.level" : "logging.vmsvc.level";
        v = v != null ? v : vmsvc;
        s.keySet().removeIf(k -> k.startsWith("logging."));
        if (v == null) {
            return null;
        }
        switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "error", "critical":
                return "error";
            case "warning":
                return "warn";
            case "message", "info":
                return "info";
            case "debug":
                return "debug";
            default:
                LOG.warn(
                        "toolbox.conf: {} = {} is not error, critical, warning, message, info or debug; using [log] level",
                        key,
                        v);
                return null;
        }
    }

    /** A GLib-style boolean ({@code true}/{@code false}, also {@code 1}/{@code 0}, yes/no, on/off); else the default. */
    static boolean flag(Map<String, String> s, String key, boolean fallback) {
        String v = s.remove(key);
        if (v == null) {
            return fallback;
        }
        switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on":
                return true;
            case "false", "no", "0", "off":
                return false;
            default:
                LOG.warn("toolbox.conf: {} = {} is not true or false; using {}", key, v, fallback);
                return fallback;
        }
    }

    /** Whole seconds in {@code [0, max]}; else the default. */
    static long seconds(Map<String, String> s, String key, long fallback, long max) {
        String v = s.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // logged below, as for an out-of-range number
        }
        LOG.warn("toolbox.conf: {} = {} is not a number of seconds from 0 to {}; using {}", key, v, max, fallback);
        return fallback;
    }
}
