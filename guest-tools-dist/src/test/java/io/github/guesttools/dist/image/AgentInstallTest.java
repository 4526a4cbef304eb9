package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.dist.testing.InstalledAgent;
import io.github.guesttools.dist.testing.StagingTrees;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.dist.testing.TreeListing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VMware guest agent as installed from the image: install.sh into a DESTDIR, then the
 * installed {@code usr/sbin/vmware-toolbox} with the installed configuration, connected to a
 * {@link VmxSimulator} in this JVM through the socket bridge, answers the host's TCLO
 * {@code reset}. Then uninstall leaves the DESTDIR as before.
 *
 * <p>{@code usr/sbin/vmware-toolbox} is a relative link to {@code opt/guest-tools/bin}, where the
 * launcher finds {@code guest-tools-java} next to itself, so the whole installed chain runs.
 */
class AgentInstallTest {
    @Test
    void theInstalledAgentAnswersTheHostsReset(@TempDir Path work, @TempDir Path dest) throws Exception {
        Path image = StagingTrees.stage(work.resolve("stage"), StagingTrees.componentJars(work.resolve("jars")));
        Files.createDirectories(dest.resolve("usr/sbin"));
        Map<String, String> before = TreeListing.of(dest);
        Tool.run(List.of("sh", image.resolve("linux/install.sh").toString()), Map.of("DESTDIR", dest.toString()), null)
                .ok();
        Map<String, String> installed = TreeListing.of(dest);
        assertThat(installed).containsEntry("usr/sbin/vmware-toolbox", "l -> ../../opt/guest-tools/bin/vmware-toolbox");
        assertThat(installed).containsEntry("usr/sbin/vmware-rpctool", "l -> ../../opt/guest-tools/bin/vmware-rpctool");
        assertThat(installed.get("opt/guest-tools/bin/vmware-toolbox")).startsWith("f 755 ");
        assertThat(installed.get("etc/vmware-toolbox/toolbox.conf")).startsWith("f 644 ");
        // plugins.directory exists, and only root may write to it (plug-ins run as root)
        assertThat(installed.get("opt/guest-tools/plugins")).isEqualTo("d 755");
        assertThat(installed)
                .containsEntry(
                        "etc/systemd/system/multi-user.target.wants/vmware-guest-agent.service",
                        "l -> /lib/systemd/system/vmware-guest-agent.service");
        assertThat(Files.readString(dest.resolve("lib/systemd/system/vmware-guest-agent.service")))
                .contains(
                        "ConditionVirtualization=vmware",
                        "ExecStart=/usr/sbin/vmware-toolbox",
                        "Restart=on-failure",
                        "RestartSec=5s")
                // 3 (out of memory) and 70 (TCLO loop died) must lead to a restart
                .containsPattern("(?m)^RestartPreventExitStatus=69 2$");

        VmxSimulator vmx = new VmxSimulator();
        Path log = work.resolve("agent.log");
        try (BridgeServer bridge = BridgeServer.start(vmx, work.resolve("vmx.sock"))) {
            // The launcher hands over to the installed guest-tools-java, which runs the installed
            // runtime (StagingTrees' stand-in for jlink's) on the installed jars.
            Process agent = InstalledAgent.start(dest, bridge.path(), log, java.util.Map.of());
            try {
                byte[] reply = vmx.submitTclo("reset".getBytes(StandardCharsets.US_ASCII))
                        .get(120, TimeUnit.SECONDS);
                assertThat(new String(reply, StandardCharsets.ISO_8859_1))
                        .as(Files.readString(log))
                        .isEqualTo("OK ATR toolbox");
                // the agent's JVM exits on out-of-memory: the launcher's own process (it execs) or, on
                // the first run that makes the class-data archive, its child
                assertThat(java.util.stream.Stream.concat(
                                        java.util.stream.Stream.of(agent.toHandle()), agent.descendants())
                                .map(p -> commandLine(p.pid())))
                        .anySatisfy(args -> assertThat(args).contains("-XX:+ExitOnOutOfMemoryError"));
            } finally {
                agent.destroy();
                if (!agent.waitFor(60, TimeUnit.SECONDS)) {
                    agent.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
                }
            }
        }

        Tool.run(
                        List.of(
                                "sh",
                                dest.resolve("opt/guest-tools/sbin/guest-tools-uninstall")
                                        .toString()),
                        Map.of("DESTDIR", dest.toString()),
                        null)
                .ok();
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    private static List<String> commandLine(long pid) {
        try {
            return List.of(
                    Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
        } catch (java.io.IOException gone) {
            return List.of();
        }
    }
}
