package io.github.guesttools.toolbox.agent;

import io.github.guesttools.toolbox.dispatch.GuestOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's settings, from a {@code tools.conf}-like file ({@code [section]} headers, {@code key =
 * value} lines, {@code #}/{@code ;} comments; a key {@code k} in section {@code s} is {@code s.k})
 * overridden by command-line options. Keys are listed in the module README.
 *
 * @param backdoor {@code native} or {@code unix:/path}
 * @param auth {@code pam}, {@code deny-all} or {@code allow-list}
 * @param pamService the PAM service for {@code pam}
 * @param allowList the {@code user:sha256hex} file for {@code allow-list}
 * @param nicExclude interface globs not reported (empty = the rpc-dispatch defaults)
 * @param logLevel level name for {@link io.github.guesttools.toolbox.logging.JournalLevel}
 * @param trace hex-dump channel traffic (credentials blanked) at info level
 * @param disabled guest operations answered with 20005
 * @param powerOps answer OS_Halt/OS_Reboot/...
 * @param scriptsDirectory where the power-operation scripts live
 * @param handlerBound how long the TCLO loop waits for a handler before answering timed out
 * @param limits per-user limits of guest operations and the TCLO {@code f} switch
 * @param tcpRelay offer the {@code http.RoundTrip} program (govmomi's TCP relay); off by default
 *     because it lets whoever may start guest programs reach the guest's loopback-only ports
 * @param pluginsDirectory where the packaged agent looks for plug-in jars (missing is fine)
 * @param vmbackup quiesced snapshots ({@code [vmbackup]})
 * @param guestInfoInterval {@code [guestinfo] poll-interval}: how often guest info is collected (zero: never
 *     periodically); also the period of the configuration-change check
 * @param reloadable what a running agent applies when the file changes
 * @param ignoredKeys settings this agent does not know, in file order (logged as warnings, never fatal)
 */
public record AgentConfig(
        String backdoor,
        String auth,
        String pamService,
        Optional<Path> allowList,
        List<String> nicExclude,
        String logLevel,
        boolean trace,
        Set<GuestOperation> disabled,
        boolean powerOps,
        Path scriptsDirectory,
        Duration handlerBound,
        GuestOpsLimits limits,
        boolean tcpRelay,
        Path pluginsDirectory,
        VmBackupConfig vmbackup,
        Duration guestInfoInterval,
        ReloadableSettings reloadable,
        List<String> ignoredKeys) {

    /** The file read when {@code --config} is not given (missing is fine). */
    public static final Path DEFAULT_FILE = Path.of("/etc/vmware-toolbox/toolbox.conf");

    /** open-vm-tools' default {@code poll-interval}. */
    static final long DEFAULT_POLL_SECONDS = 30;

    /** A day: a longer poll interval is a mistake. */
    static final long MAX_POLL_SECONDS = 86_400;

    /** The plug-ins directory of the installed agent ({@code plugins.directory}). */
    public static final Path DEFAULT_PLUGINS = Path.of("/opt/guest-tools/plugins");

    public AgentConfig {
        nicExclude = List.copyOf(nicExclude);
        ignoredKeys = List.copyOf(ignoredKeys);
        disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
    }

    /**
     * @param settings flat {@code key -> value} settings (file first, then options)
     * @return the configuration
     * @throws IllegalArgumentException for a bad value (an unknown key is only listed in {@link
     *     #ignoredKeys}: tools.conf has many keys of open-vm-tools' plug-ins this agent does not have, and
     *     {@code vmware-toolbox-cmd config set} may write any of them; none may stop the agent)
     */
    public static AgentConfig of(Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        String backdoor = take(s, "backdoor", "native");
        if (!backdoor.equals("native") && !backdoor.startsWith("unix:")) {
            throw new IllegalArgumentException("backdoor must be native or unix:/path, not " + backdoor);
        }
        String auth = take(s, "auth.mode", "pam");
        if (!Set.of("pam", "deny-all", "allow-list").contains(auth)) {
            throw new IllegalArgumentException("auth.mode must be pam, deny-all or allow-list, not " + auth);
        }
        String pamService = take(s, "auth.pamService", "vmtoolsd");
        String allow = take(s, "auth.allowList", "");
        if (auth.equals("allow-list") && allow.isEmpty()) {
            throw new IllegalArgumentException("auth.mode allow-list needs auth.allowList (a file)");
        }
        List<String> exclude = new ArrayList<>();
        for (String glob : take(s, "guestinfo.exclude-nics", "").split(",")) {
            if (!glob.isBlank()) {
                exclude.add(glob.strip());
            }
        }
        String level = take(s, "log.level", "info").toLowerCase(Locale.ROOT);
        if (!Set.of("error", "warn", "info", "debug", "trace", "off").contains(level)) {
            throw new IllegalArgumentException("log.level must be error, warn, info, debug, trace or off");
        }
        String ovtLevel = ReloadableSettings.loggingLevel(s);
        if (ovtLevel != null) {
            level = ovtLevel; // what vmware-toolbox-cmd logging level set writes
        }
        Duration pollInterval = Duration.ofSeconds(
                ReloadableSettings.seconds(s, "guestinfo.poll-interval", DEFAULT_POLL_SECONDS, MAX_POLL_SECONDS));
        ReloadableSettings reloadable = ReloadableSettings.take(s);
        boolean trace = bool(take(s, "log.trace", "false"), "log.trace");
        Set<GuestOperation> disabled = EnumSet.noneOf(GuestOperation.class);
        boolean allDisabled = bool(take(s, "guestoperations.disabled", "false"), "guestoperations.disabled");
        for (GuestOperation op : GuestOperation.values()) {
            String key = "guestoperations." + op.configName() + ".disabled";
            if (bool(take(s, key, "false"), key) || allDisabled) {
                disabled.add(op);
            }
        }
        boolean powerOps = bool(take(s, "powerops.enabled", "true"), "powerops.enabled");
        Path scripts = Path.of(take(s, "powerops.scripts", "/etc/vmware-tools"));
        Duration bound;
        try {
            bound = Duration.ofMillis(Long.parseLong(take(s, "tclo.handlerTimeoutMs", "30000")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tclo.handlerTimeoutMs must be a number of milliseconds");
        }
        GuestOpsLimits limits = GuestOpsLimits.take(s);
        boolean tcpRelay = bool(take(s, "processes.tcpRelay", "false"), "processes.tcpRelay");
        Path plugins = Path.of(take(s, "plugins.directory", DEFAULT_PLUGINS.toString()));
        VmBackupConfig vmbackup = VmBackupConfig.take(s);
        return new AgentConfig(
                backdoor,
                auth,
                pamService,
                allow.isEmpty() ? Optional.empty() : Optional.of(Path.of(allow)),
                exclude,
                level,
                trace,
                disabled,
                powerOps,
                scripts,
                bound,
                limits,
                tcpRelay,
                plugins,
                vmbackup,
                pollInterval,
                reloadable,
                List.copyOf(s.keySet()));
    }

    /**
     * Reads a configuration file into flat settings.
     *
     * @param file the file
     * @return {@code section.key -> value}, in file order
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException for a line that is neither a section, a setting nor a comment
     */
    public static Map<String, String> readFile(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String section = "";
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ":" + n + ": expected key = value");
            }
            String key = line.substring(0, eq).strip();
            out.put(
                    section.isEmpty() ? key : section + "." + key,
                    line.substring(eq + 1).strip());
        }
        return out;
    }

    static String take(Map<String, String> s, String key, String fallback) {
        String v = s.remove(key);
        return v == null ? fallback : v;
    }

    static boolean bool(String v, String key) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on":
                return true;
            case "false", "no", "0", "off":
                return false;
            default:
                throw new IllegalArgumentException(key + " must be true or false, not " + v);
        }
    }
}
