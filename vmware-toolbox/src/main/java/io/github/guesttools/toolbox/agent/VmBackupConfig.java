package io.github.guesttools.toolbox.agent;

import io.github.guesttools.rpc.vmbackup.VmBackupSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code [vmbackup]} section: quiesced snapshots (module README, "Quiesced snapshots").
 *
 * @param enabled answer {@code vmbackup.*} and announce the capability (default on, as open-vm-tools)
 * @param excludedFileSystems mount-point globs never frozen ({@code *}, {@code ?})
 * @param settings the bounds and script defaults
 * @param xmlManifest write the quiesce manifest when the host asks for one ({@code enableXmlManifest}, as
 *     open-vm-tools)
 */
public record VmBackupConfig(
        boolean enabled, List<String> excludedFileSystems, VmBackupSettings settings, boolean xmlManifest) {
    /** On, nothing excluded, {@link VmBackupSettings#defaults()}, manifest on. */
    public static final VmBackupConfig DEFAULT = new VmBackupConfig(true, List.of(), VmBackupSettings.defaults());

    /** open-vm-tools' upper bound of {@code timeout}. */
    static final long MAX_TIMEOUT = 2147483;

    public VmBackupConfig {
        excludedFileSystems = List.copyOf(excludedFileSystems);
    }

    /** With the manifest on. */
    public VmBackupConfig(boolean enabled, List<String> excludedFileSystems, VmBackupSettings settings) {
        this(enabled, excludedFileSystems, settings, true);
    }

    /**
     * Takes (removes) the {@code vmbackup.*} keys from {@code s}.
     *
     * @throws IllegalArgumentException for a bad value
     */
    static VmBackupConfig take(Map<String, String> s) {
        VmBackupSettings d = VmBackupSettings.defaults();
        boolean enabled = AgentConfig.bool(AgentConfig.take(s, "vmbackup.enabled", "true"), "vmbackup.enabled");
        List<String> excluded = new ArrayList<>();
        for (String glob :
                AgentConfig.take(s, "vmbackup.excludedFileSystems", "").split(",")) {
            if (!glob.isBlank()) {
                excluded.add(glob.strip());
            }
        }
        long timeout = seconds(s, "vmbackup.timeout", d.timeout().toSeconds(), 0, MAX_TIMEOUT);
        long frozen = seconds(
                s, "vmbackup.frozenTimeout", d.frozenTimeout().toSeconds(), 1, VmBackupSettings.MAX_FROZEN.toSeconds());
        long freeze = seconds(s, "vmbackup.freezeTimeout", d.freezeTimeout().toSeconds(), 1, MAX_TIMEOUT);
        boolean scripts = AgentConfig.bool(AgentConfig.take(s, "vmbackup.execScripts", "true"), "vmbackup.execScripts");
        String arg = AgentConfig.take(s, "vmbackup.scriptArg", "");
        boolean manifest = AgentConfig.bool(
                AgentConfig.take(s, "vmbackup.enableXmlManifest", "true"), "vmbackup.enableXmlManifest");
        return new VmBackupConfig(
                enabled,
                excluded,
                new VmBackupSettings(
                        Duration.ofSeconds(timeout),
                        Duration.ofSeconds(frozen),
                        Duration.ofSeconds(freeze),
                        scripts,
                        arg),
                manifest);
    }

    private static long seconds(Map<String, String> s, String key, long fallback, long min, long max) {
        String v = AgentConfig.take(s, key, Long.toString(fallback));
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of seconds, not " + v);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + " seconds");
        }
        return n;
    }
}
