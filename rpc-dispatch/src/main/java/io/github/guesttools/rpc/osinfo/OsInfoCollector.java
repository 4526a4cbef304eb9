package io.github.guesttools.rpc.osinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code etc/os-release} (or {@code usr/lib/os-release}) and {@code proc/sys/kernel/osrelease}
 * under a root directory, plus {@code os.arch}, into an {@link OsInfo}.
 */
public final class OsInfoCollector {
    private final Path root;
    private final String arch;

    /** Reads the real {@code /} and this JVM's {@code os.arch}. */
    public OsInfoCollector() {
        this(Path.of("/"), System.getProperty("os.arch", ""));
    }

    /** Reads fixture files under {@code root} and takes {@code arch} as {@code os.arch}. */
    public OsInfoCollector(Path root, String arch) {
        this.root = root;
        this.arch = arch;
    }

    /** Collects the OS info; missing files give generic values. */
    public OsInfo collect() throws IOException {
        List<String> lines = read(root.resolve("etc/os-release"));
        if (lines.isEmpty()) {
            lines = read(root.resolve("usr/lib/os-release"));
        }
        Map<String, String> rel = OsRelease.parse(lines);
        List<String> k = read(root.resolve("proc/sys/kernel/osrelease"));
        String kernel =
                k.isEmpty() ? System.getProperty("os.version", "") : k.get(0).strip();
        boolean arm = arch.startsWith("aarch") || arch.startsWith("arm");
        boolean bits64 = arch.contains("64");
        String name = rel.getOrDefault("NAME", "Linux");
        String pretty = rel.getOrDefault("PRETTY_NAME", name);
        return new OsInfo(
                GuestOsId.of(rel.getOrDefault("ID", ""), rel.getOrDefault("VERSION_ID", ""), kernel, bits64),
                pretty,
                arm ? "Arm" : "X86",
                bits64 ? "64" : "32",
                rel.getOrDefault("CPE_NAME", ""),
                name,
                rel.getOrDefault("VERSION_ID", ""),
                rel.getOrDefault("VERSION", ""),
                "Linux",
                kernel,
                pretty);
    }

    private static List<String> read(Path p) throws IOException {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** The VMware guest id ({@code guest_os.h} style) for a distribution. */
    static final class GuestOsId {
        private GuestOsId() {}

        static String of(String id, String versionId, String kernel, boolean bits64) {
            String major = versionId.contains(".") ? versionId.substring(0, versionId.indexOf('.')) : versionId;
            String base = switch (id.toLowerCase(Locale.ROOT)) {
                case "ubuntu" -> "ubuntu";
                case "debian" -> major.matches("\\d+") ? "debian" + major : "debian";
                case "rhel" -> major.matches("\\d+") ? "rhel" + major : "rhel";
                case "centos" -> major.matches("\\d+") ? "centos" + major : "centos";
                case "fedora" -> "fedora";
                case "sles", "sled" -> major.matches("\\d+") ? "sles" + major : "sles";
                case "photon" -> "vmwarePhoton";
                case "almalinux" -> "almalinux";
                case "rocky" -> "rockylinux";
                case "amzn" -> "amazonlinux" + major;
                default -> otherLinux(kernel);
            };
            return bits64 ? base + "-64" : base;
        }

        private static String otherLinux(String kernel) {
            String major = kernel.contains(".") ? kernel.substring(0, kernel.indexOf('.')) : "";
            return switch (major) {
                case "2" -> "other26xlinux";
                case "3" -> "other3xlinux";
                case "4" -> "other4xlinux";
                case "5" -> "other5xlinux";
                default -> "other6xlinux";
            };
        }
    }
}
