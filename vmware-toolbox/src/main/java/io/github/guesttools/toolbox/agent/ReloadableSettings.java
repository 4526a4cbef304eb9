package io.github.guesttools.toolbox.agent;

import io.github.guesttools.rpc.diskinfo.DeviceMapper;
import io.github.guesttools.rpc.diskinfo.DiskCollector;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * @param diskInfoIncludeReserved {@code [guestinfo] diskinfo-include-reserved}: free space counts root's reserved
 *     blocks
 * @param diskInfoReportDevices {@code [guestinfo] diskinfo-report-device}: name each file system's virtual disks
 * @param diskInfoTypes {@code [guestinfo] diskinfo-fs-types} (comma-separated): the file-system types reported
 */
public record ReloadableSettings(
        boolean timeSyncDisableAll,
        boolean timeSyncDisablePeriodic,
        boolean timeSyncWithNtp,
        boolean diskInfo,
        boolean diskInfoIncludeReserved,
        boolean diskInfoReportDevices,
        Set<String> diskInfoTypes) {
    /** Everything on except the two {@code disable-*} switches, {@code periodic-with-ntp} and reserved blocks. */
    public static final ReloadableSettings DEFAULT =
            new ReloadableSettings(false, false, false, true, false, true, DiskCollector.DEFAULT_TYPES);

    public ReloadableSettings {
        diskInfoTypes = Set.copyOf(diskInfoTypes);
    }

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
                !flag(s, "guestinfo.disable-query-diskinfo", false),
                flag(s, "guestinfo.diskinfo-include-reserved", false),
                flag(s, "guestinfo.diskinfo-report-device", true),
                types(s));
    }

    /** The disk-info collector these settings describe. */
    DiskCollector diskCollector() {
        return DiskCollector.builder()
                .includeReserved(diskInfoIncludeReserved)
                .devices(diskInfoReportDevices ? DeviceMapper.system() : null)
                .types(diskInfoTypes)
                .build();
    }

    /** True when {@link #diskCollector()} would differ. */
    boolean sameDiskCollector(ReloadableSettings o) {
        return diskInfoIncludeReserved == o.diskInfoIncludeReserved
                && diskInfoReportDevices == o.diskInfoReportDevices
                && diskInfoTypes.equals(o.diskInfoTypes);
    }

    private static Set<String> types(Map<String, String> s) {
        String v = s.remove("guestinfo.diskinfo-fs-types");
        if (v == null) {
            return DiskCollector.DEFAULT_TYPES;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String t : v.split(",")) {
            String type = t.strip();
            if (type.isEmpty()) {
                continue;
            }
            if (!type.matches("[a-z0-9._+-]{1,32}")) {
                LOG.warn(
                        "toolbox.conf: guestinfo.diskinfo-fs-types has {}, not a file-system type; using the default",
                        type);
                return DiskCollector.DEFAULT_TYPES;
            }
            out.add(type);
        }
        return out;
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
