package io.github.guesttools.toolbox.toolsstate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What GetToolsState tells the host about the guest.
 *
 * @param fullName e.g. {@code Linux 6.1.0-18-amd64 Debian GNU/Linux 12 (bookworm)}
 * @param shortName the VMware guest id style name, e.g. {@code debian12-64}
 * @param hostName the kernel's host name
 * @param wordSize 32 or 64
 * @param tempDirectory the agent's temporary directory, {@code <java.io.tmpdir>/vmware-<user>} as
 *                      with vmtoolsd
 */
public record GuestOsInfo(String fullName, String shortName, String hostName, int wordSize, String tempDirectory) {

    /** @return the values of this machine ({@code /etc/os-release}, the kernel, the JVM) */
    public static GuestOsInfo detect() {
        return detect(
                Path.of("/etc/os-release"),
                Path.of("/proc/sys/kernel/hostname"),
                System.getProperty("os.version", ""),
                System.getProperty("os.arch", ""));
    }

    static GuestOsInfo detect(Path osRelease, Path hostNameFile, String kernel, String arch) {
        Map<String, String> release = readOsRelease(osRelease);
        String pretty = release.getOrDefault("PRETTY_NAME", release.getOrDefault("NAME", "Linux"));
        int wordSize = arch.contains("64") ? 64 : 32;
        String fullName = "Linux " + kernel + " " + pretty;
        return new GuestOsInfo(
                fullName.trim(),
                shortName(release, kernel, wordSize),
                hostName(hostNameFile),
                wordSize,
                Path.of(System.getProperty("java.io.tmpdir", "/tmp"))
                        .resolve("vmware-" + System.getProperty("user.name", "root"))
                        .toString());
    }

    /**
     * An approximation of open-vm-tools' guest id table: the distributions vSphere knows by name
     * (Ubuntu, Debian by major version, RHEL, CentOS, SLES, Photon), otherwise
     * {@code other<kernel major>xlinux}, with {@code -64} on 64-bit.
     */
    static String shortName(Map<String, String> release, String kernel, int wordSize) {
        String id = release.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        String major = release.getOrDefault("VERSION_ID", "").split("\\.")[0];
        String kernelMajor = kernel.split("\\.")[0];
        String base = switch (id) {
            case "ubuntu" -> "ubuntu";
            case "debian" -> major.isEmpty() ? "debian" : "debian" + major;
            case "rhel" -> "rhel" + major;
            case "centos" -> "centos" + major;
            case "sles" -> "sles" + major;
            case "photon" -> "vmware-photon";
            default -> "other" + (kernelMajor.matches("\\d+") ? kernelMajor : "") + "xlinux";
        };
        return wordSize == 64 ? base + "-64" : base;
    }

    private static Map<String, String> readOsRelease(Path file) {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    String value = line.substring(eq + 1).trim();
                    if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    out.put(line.substring(0, eq).trim(), value);
                }
            }
        } catch (IOException e) {
            // No os-release: the generic names below apply.
        }
        return out;
    }

    private static String hostName(Path file) {
        try {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // Not Linux /proc: fall through.
        }
        String env = System.getenv("HOSTNAME");
        return env != null ? env : "localhost";
    }
}
