package io.github.guesttools.toolbox.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-vSphere validation kit ({@code validation/vsphere/}), as far as it runs without a
 * VMware host: its dry run, its PASS/FAIL accounting with a stand-in {@code govc} that knows
 * only the VM's summary, its usage errors, and shellcheck over it and the repository's scripts.
 */
class VsphereKitTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path KIT = ROOT.resolve("validation/vsphere/validate-guest-tools.sh");
    private static final String SECRET = "root:kit-test-secret-never-printed";

    @TempDir
    Path dir;

    record Result(int status, String output) {}

    private Result kit(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", KIT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("GOVC_VM");
        pb.environment().putAll(env);
        Path out = dir.resolve("kit.out");
        Process p = pb.redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("kit finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** A govc on the PATH that logs its arguments and answers only vm.info and vm.ip. */
    private Map<String, String> standInGovc() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path govc = bin.resolve("govc");
        Files.writeString(
                govc,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "echo \"$*\" >> '" + dir.resolve("govc.log") + "'",
                        "case \"$1\" in",
                        "  vm.info) echo '{\"virtualMachines\": [{\"guest\": {\"toolsRunningStatus\": \"guestToolsRunning\",'",
                        "           echo '\"toolsVersionStatus2\": \"guestToolsUnmanaged\", \"net\": [{\"macAddress\": \"00:50:56:00:00:01\"}]}}]}' ;;",
                        "  vm.ip) echo 192.0.2.10 ;;",
                        "  *) echo \"stand-in govc cannot $1\" >&2; exit 1 ;;",
                        "esac",
                        ""));
        Files.setPosixFilePermissions(govc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "GOVC_GUEST_LOGIN", SECRET);
    }

    @Test
    void dryRunPrintsTheGovcCommandsOfEveryCheckAndRunsNone() throws Exception {
        Map<String, String> env = standInGovc();
        Result r = kit(env, "--vm", "test-vm", "--dry-run", "--install", "guest-tools.tar.gz");
        assertThat(r.status()).as(r.output()).isZero();
        for (String op : List.of(
                "mkdir -vm test-vm -p",
                "mktemp -vm test-vm -t",
                "mktemp -vm test-vm -d",
                "upload -vm test-vm -f",
                "download -vm test-vm -f",
                "ls -vm test-vm",
                "chmod -vm test-vm 0640",
                "chown -vm test-vm",
                "touch -vm test-vm -d",
                "touch -vm test-vm -c",
                "mv -vm test-vm",
                "rm -vm test-vm",
                "rmdir -vm test-vm",
                "rmdir -vm test-vm -r",
                "start -vm test-vm /bin/sleep 600",
                "ps -vm test-vm -p",
                "kill -vm test-vm -p",
                "ps -vm test-vm -X -p",
                "getenv -vm test-vm HOME",
                "run -vm test-vm -d hello\\ from\\ stdin /usr/bin/tr",
                "download -vm test-vm /proc/self/status -")) {
            assertThat(r.output()).contains("  govc guest." + op);
        }
        assertThat(r.output())
                .contains(
                        "/archive:/tmp/gt-validate-",
                        "?format=tgz",
                        "  govc vm.info -json test-vm",
                        "  govc vm.ip -wait 2m test-vm",
                        "  govc vm.power -s test-vm",
                        "  govc vm.power -on test-vm",
                        "  govc vm.power -r test-vm",
                        "check: install guest-tools.tar.gz");
        assertThat(r.output().lines().filter(l -> l.startsWith("check: "))).hasSize(24);
        assertThat(r.output())
                .endsWith("dry run: 24 checks, no govc command run\n")
                .doesNotContain(SECRET);
        assertThat(dir.resolve("govc.log")).as("no govc command ran").doesNotExist();
    }

    @Test
    void countsPassAndFailAndExitsNonZero() throws Exception {
        Result r = kit(standInGovc(), "--vm", "test-vm", "--skip-power");
        assertThat(r.status()).isEqualTo(1);
        List<String> lines = r.output().lines().toList();
        assertThat(lines)
                .contains(
                        "PASS vm.info: tools running",
                        "PASS vm.info: version status guestToolsUnmanaged",
                        "PASS vm.ip: an IP address",
                        "PASS vm.info: guest.net lists NICs",
                        "FAIL guest.mkdir -p",
                        "FAIL guest.run with stdin and stdout, exit code",
                        "    stand-in govc cannot guest.mkdir");
        assertThat(lines.stream().filter(l -> l.matches("(PASS|FAIL) .*"))).hasSize(21);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("4 passed, 17 failed");
        assertThat(r.output()).doesNotContain(SECRET);
        assertThat(Files.readString(dir.resolve("govc.log")))
                .doesNotContain(SECRET)
                .contains("guest.upload -vm test-vm -f");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(kit(Map.of()).status()).isEqualTo(2);
        assertThat(kit(Map.of(), "--vm").status()).isEqualTo(2);
        assertThat(kit(Map.of(), "--vm", "x", "--frobnicate").status()).isEqualTo(2);
        Result noLogin = kit(Map.of("PATH", standInGovc().get("PATH"), "GOVC_GUEST_LOGIN", ""), "--vm", "x");
        assertThat(noLogin.status()).isEqualTo(2);
        assertThat(noLogin.output()).contains("GOVC_GUEST_LOGIN");
    }

    @Test
    void theKitAndTheRepositorysScriptsAreShellcheckClean() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "shellcheck",
                KIT.toString(),
                ROOT.resolve("install-build-deps.sh").toString()));
        try (var scripts = Files.list(ROOT.resolve("scripts"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> command.add(p.toString()));
        }
        // The launchers every tool of the image starts through (they source one another).
        command.add(
                ROOT.resolve("vmware-toolbox/src/main/scripts/vmware-toolbox").toString());
        command.add(ROOT.resolve("guest-tools-dist/src/main/scripts/guest-tools-java")
                .toString());
        try (var scripts = Files.list(ROOT.resolve("smartos-mdata/src/main/scripts"))) {
            scripts.sorted().forEach(p -> command.add(p.toString()));
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("shellcheck is not installed: run ./install-build-deps.sh", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(command).hasSizeGreaterThanOrEqualTo(8); // the kit, install-build-deps.sh, scripts/*.sh, launchers
    }
}
