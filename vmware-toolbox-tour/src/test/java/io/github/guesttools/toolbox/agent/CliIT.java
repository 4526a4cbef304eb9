package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.backdoor.vmcheck.VmCheck;
import io.github.guesttools.toolbox.selfcheck.SelfCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/** The CLIs through their launcher names, as separate processes against a bridged simulator. */
class CliIT {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {}

    @Test
    void guestinfoSetGetAndMissingKey() throws Exception {
        VmxSimulator vmx = new VmxSimulator();
        try (BridgeServer bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"))) {
            String at = "unix:" + bridge.path();
            assertThat(run("vmware-guestinfo", "--backdoor", at, "set", "app.ready", "yes 1")
                            .status())
                    .isZero();
            assertThat(vmx.rpci().guestInfo("guestinfo.app.ready")).hasValue("yes 1");
            Result get = run("vmware-guestinfo", "--backdoor", at, "get", "guestinfo.app.ready");
            assertThat(get.status()).isZero();
            assertThat(get.out()).isEqualTo("yes 1\n");
            Result missing = run("vmware-guestinfo", "--backdoor", at, "get", "nothing");
            assertThat(missing.status()).isEqualTo(1);
            assertThat(missing.err()).contains("not set");
            // the native backdoor: refused off VMware (3); on VMware a read-only get of an unset key (1)
            assertThat(run("vmware-guestinfo", "get", "guest-tools-test-unset-k")
                            .status())
                    .isEqualTo(VmCheck.isVmware() ? 1 : 3);
            assertThat(run("vmware-guestinfo", "frobnicate").status()).isEqualTo(2);
        }
    }

    @Test
    void rpctoolPrintsTheReplyAndExitsLikeOpenVmTools() throws Exception {
        VmxSimulator vmx = new VmxSimulator();
        try (BridgeServer bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"))) {
            String at = "unix:" + bridge.path();
            assertThat(run("vmware-rpctool", "--backdoor", at, "info-set guestinfo.k v")
                            .status())
                    .isZero();
            Result ok = run("vmware-rpctool", "--backdoor", at, "info-get guestinfo.k");
            assertThat(ok.status()).isZero();
            assertThat(ok.out()).isEqualTo("v\n");
            Result refused = run("vmware-rpctool", "--backdoor", at, "no-such-command");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("Unknown command");
        }
    }

    @Test
    void selfCheckAgainstTheSimulatorAndOnThisMachine(TestReporter reporter) throws Exception {
        VmxSimulator vmx = new VmxSimulator();
        try (BridgeServer bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"))) {
            Result simulated = run("vmware-toolbox", "--self-check", "--backdoor", "unix:" + bridge.path());
            assertThat(simulated.status()).as(simulated.out()).isZero();
            assertThat(simulated.out()).contains("PASS GETVERSION", "PASS close RPCI channel", "self-check passed");
            assertThat(vmx.openChannels()).isZero();
        }
        boolean vmware = VmCheck.isVmware();
        reporter.publishEntry("branch", vmware ? "VMware: the real backdoor, read-only" : "not VMware: exit 69");
        Result real = run("vmware-toolbox", "--self-check");
        assertThat(real.status()).as(real.out()).isEqualTo(vmware ? SelfCheck.PASSED : SelfCheck.NOT_VMWARE);
        assertThat(real.out()).contains(vmware ? "self-check passed" : "not a VMware virtual machine (exit 69)");
    }

    private static Result run(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("sh", Path.of(System.getProperty("agent.scripts"), name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("VMWARE_TOOLBOX_CLASSPATH", System.getProperty("agent.jar"));
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Result r = new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        assertThat(r.err()).doesNotContain("SLF4J"); // one provider, found: no "multiple" or "No providers"
        return r;
    }
}
