package io.github.guesttools.rpc.toolbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tools version as vSphere reads it from the {@code guestinfo.vmtools.*} variables
 * ({@code docs/protocols/toolbox-cmd.md} §8): three numbers, a build number and a product name.
 *
 * @param product the product name in the description, e.g. {@code guest-tools-jvm}
 * @param major the major version (0..63 for the packed number; larger values are sent but wrap)
 * @param minor the minor version (0..31)
 * @param patch the patch version (0..31)
 * @param build the numeric build number (0 when the build sets none: reproducible builds)
 */
public record ToolsVersion(String product, int major, int minor, int patch, long build) {
    private static final Pattern LEADING = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /** The product name our daemon reports. */
    public static final String PRODUCT = "guest-tools-jvm";

    public ToolsVersion {
        Objects.requireNonNull(product);
        if (product.isEmpty() || product.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("bad product name: " + product);
        }
        if (major < 0 || minor < 0 || patch < 0 || build < 0) {
            throw new IllegalArgumentException("negative version part");
        }
    }

    /**
     * Reads the leading {@code x[.y[.z]]} of a version such as {@code 0.1.0-SNAPSHOT}; anything
     * unreadable becomes 0.0.0 (a version string must never stop the daemon).
     */
    public static ToolsVersion parse(String product, String version, long build) {
        Matcher m = LEADING.matcher(version.strip());
        if (!m.lookingAt()) {
            return new ToolsVersion(product, 0, 0, 0, build);
        }
        return new ToolsVersion(product, part(m.group(1)), part(m.group(2)), part(m.group(3)), build);
    }

    private static int part(String digits) {
        if (digits == null) {
            return 0;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code x.y.z}: three numbers only (SDMP parsers break on four). */
    public String versionString() {
        return major + "." + minor + "." + patch;
    }

    /** {@code (major << 10) + (minor << 5) + patch}, as VMware packs tools versions (13.1.0 = 13344). */
    public long versionNumber() {
        return ((long) major << 10) + ((long) minor << 5) + patch;
    }

    /** {@code <product> <x.y.z>.<build>}: the human-readable description. */
    public String description() {
        return product + " " + versionString() + "." + build;
    }

    /** {@code <x.y.z>.0.<build>}: the detailed version {@code vmware-toolbox-cmd -v} prints (patch level 0). */
    public String detailed() {
        return versionString() + ".0." + build;
    }

    /** The four NUL-terminated {@code info-set guestinfo.vmtools.*} commands. */
    public List<byte[]> infoSetCommands() {
        return List.of(
                infoSet("description", description()),
                infoSet("versionString", versionString()),
                infoSet("versionNumber", Long.toString(versionNumber())),
                infoSet("buildNumber", Long.toString(build)));
    }

    private static byte[] infoSet(String key, String value) {
        return ("info-set guestinfo.vmtools." + key + " " + value + "\0").getBytes(StandardCharsets.UTF_8);
    }
}
