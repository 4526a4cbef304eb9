package io.github.guesttools.toolbox.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.backdoor.simulator.GuestlibHost;
import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.rpc.internal.xdr.NicInfoXdr;
import io.github.guesttools.toolbox.cmd.ToolboxCmdProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmware-toolbox-cmd} as a separate process against the simulator bridge. */
class ToolboxCmdProcessTest {
    @TempDir
    Path dir;

    private final VmxSimulator vmx = new VmxSimulator();
    private BridgeServer bridge;
    private Path conf;

    @BeforeEach
    void start() throws IOException {
        bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"));
        conf = dir.resolve("toolbox.conf");
    }

    @AfterEach
    void stop() throws IOException {
        bridge.close();
    }

    private Result cmd(String... args) throws Exception {
        return ToolboxCmdProcess.run(bridge.path(), conf, dir, args);
    }

    private static void needRoot(String why) {
        if (!root()) {
            System.out.println("ToolboxCmdProcessTest skipped a test: " + why);
        }
        assumeTrue(root(), why);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void versionAndUsageErrors() throws Exception {
        Result v = cmd("-v");
        assertThat(v.status()).isZero();
        assertThat(v.out().strip()).matches("\\d+\\.\\d+\\.\\d+\\.0\\.\\d+");
        assertThat(cmd().status()).isEqualTo(64);
        Result unknown = cmd("frobnicate");
        assertThat(unknown.status()).isEqualTo(64);
        assertThat(unknown.err()).contains("vmware-toolbox-cmd: Unknown command 'frobnicate'");
        assertThat(cmd("stat").status()).isEqualTo(64);
        assertThat(cmd("stat", "nope").err()).contains("Unknown subcommand 'nope'");
    }

    @Test
    void outsideAVmExitsOne() throws Exception {
        bridge.close();
        Result r = cmd("stat", "speed");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("vmware-toolbox-cmd must be run inside a virtual machine.");
        bridge = BridgeServer.start(vmx, dir.resolve("vmx2.sock"));
    }

    @Test
    void timesyncStatusEnableDisable() throws Exception {
        vmx.rpci().register("vmx.set_option", c -> {
            String[] a = c.text().split(" ");
            if (a[0].equals("synctime")) {
                vmx.setGuiOptions(a[2].equals("1") ? 0x400 : 0);
                return RpciHandler.ok("");
            }
            return RpciHandler.error("Unknown option");
        });
        Result s = cmd("timesync", "status");
        assertThat(s.status()).isEqualTo(69);
        assertThat(s.out()).isEqualTo("Disabled\n");
        assertThat(cmd("timesync", "enable")).isEqualTo(new Result(0, "Enabled\n", ""));
        assertThat(vmx.rpciCommands().stream().map(x -> x.commandText())).contains("vmx.set_option synctime 0 1\0");
        assertThat(cmd("timesync", "status")).isEqualTo(new Result(0, "Enabled\n", ""));
        assertThat(cmd("-q", "timesync", "status")).isEqualTo(new Result(0, "", ""));
        assertThat(cmd("timesync", "disable")).isEqualTo(new Result(0, "Disabled\n", ""));
        vmx.rpci().register("vmx.set_option", c -> RpciHandler.error("Permission denied"));
        Result refused = cmd("timesync", "enable");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("Error: Permission denied");
    }

    @Test
    void statHosttimeSpeedSessionid() throws Exception {
        vmx.setHostClock(() -> 1_700_000_000_000_000L);
        Result t = cmd("stat", "hosttime");
        assertThat(t.status()).isZero();
        assertThat(t.out().strip()).matches("\\d\\d (Nov) 2023 \\d\\d:\\d\\d:\\d\\d");
        vmx.setHostClock(() -> 0);
        assertThat(cmd("stat", "hosttime")).isEqualTo(new Result(75, "", "Unable to get host time.\n"));
        vmx.setCpuMhz(2900);
        assertThat(cmd("stat", "speed")).isEqualTo(new Result(0, "2900 MHz\n", ""));
        vmx.setCpuMhz(0);
        assertThat(cmd("stat", "speed").status()).isEqualTo(75);
        assertThat(cmd("stat", "sessionid").status())
                .as("no guestlib on this host")
                .isEqualTo(75);
        new GuestlibHost(vmx).setSessionId(0xbeef);
        assertThat(cmd("stat", "sessionid")).isEqualTo(new Result(0, "0xbeef\n", ""));
    }

    @Test
    void guestlibStatisticsAsOpenVmTools() throws Exception {
        Result off = cmd("stat", "balloon");
        assertThat(off)
                .as("no guestlib on this host (Workstation, or ESX with it off)")
                .isEqualTo(new Result(75, "", "UpdateInfo failed: VMware Guest API is not enabled on the host\n"));
        assertThat(cmd("-q", "stat", "balloon")).isEqualTo(new Result(75, "", ""));
        GuestlibHost host = new GuestlibHost(vmx);
        host.set(12, 512);
        host.set(13, 64);
        host.set(7, 4096);
        host.set(6, 1024);
        host.set(1, 1500);
        host.set(2, 3000);
        assertThat(cmd("stat", "balloon")).isEqualTo(new Result(0, "512 MB\n", ""));
        assertThat(cmd("stat", "swap")).isEqualTo(new Result(0, "64 MB\n", ""));
        assertThat(cmd("stat", "memlimit")).isEqualTo(new Result(0, "4096 MB\n", ""));
        assertThat(cmd("stat", "memres")).isEqualTo(new Result(0, "1024 MB\n", ""));
        assertThat(cmd("stat", "cpures")).isEqualTo(new Result(0, "1500 MHz\n", ""));
        assertThat(cmd("stat", "cpulimit")).isEqualTo(new Result(0, "3000 MHz\n", ""));
        assertThat(vmx.rpciCommands().stream().map(x -> x.commandText())).contains("guestlib.info.get 3");

        host.setStatCount(11);
        assertThat(cmd("stat", "balloon"))
                .as("an older host lists fewer statistics")
                .isEqualTo(new Result(75, "", "Failed to get ballooned memory: Host does not support this request.\n"));
        assertThat(cmd("stat", "cpulimit")).isEqualTo(new Result(0, "3000 MHz\n", ""));
        host.setStatCount(GuestlibHost.ALL_STATS);
        assertThat(cmd("stat", "cpures").out()).isEqualTo("1500 MHz\n");
        assertThat(cmd("stat", "memres").out()).isEqualTo("1024 MB\n");
        GuestlibHost invalid = new GuestlibHost(vmx); // a fresh host: nothing valid
        assertThat(cmd("stat", "swap"))
                .isEqualTo(
                        new Result(75, "", "Failed to get swapped memory: This value is not available on this host\n"));

        invalid.setReplyOverride(
                new byte[] {3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        Result lying = cmd("stat", "memlimit");
        assertThat(lying.status()).isEqualTo(75);
        assertThat(lying.err()).startsWith("UpdateInfo failed: Other error (data size 2147483647 exceeds");

        vmx.rpci().register("guestlib.info.get", c -> RpciHandler.error("Permission denied"));
        assertThat(cmd("stat", "cpulimit"))
                .as("refused for another reason, and version 2 refused too")
                .isEqualTo(new Result(75, "", "UpdateInfo failed: VMware Guest API is not enabled on the host\n"));
    }

    @Test
    void rawStatPrintsTheReplyAsItComes() throws Exception {
        assertThat(cmd("stat", "raw", "text", "session"))
                .isEqualTo(new Result(75, "", "Failed to get stat: This value is not available on this host\n"));
        GuestlibHost host = new GuestlibHost(vmx);
        host.setRaw("text session", "session: 0x1234\nhost: esx\n");
        assertThat(cmd("stat", "raw", "text", "session")).isEqualTo(new Result(0, "session: 0x1234\nhost: esx\n", ""));
        assertThat(vmx.rpciCommands().stream().map(x -> x.commandText())).contains("guestlib.stat.get text session ");
        host.setRaw("json vscsi scsi0:0", "{}");
        assertThat(cmd("stat", "raw", "json", "vscsi", "scsi0:0")).isEqualTo(new Result(0, "{}", ""));
        assertThat(cmd("stat", "raw", "text", "x".repeat(300)))
                .isEqualTo(new Result(75, "", "Failed to get stat: The provided memory buffer is too small\n"));
    }

    @Test
    void configAndLoggingKeepCommentsAndOrder() throws Exception {
        needRoot("config needs root, as in open-vm-tools");
        Files.writeString(conf, "# keep me\n[guestinfo]\npoll-interval = 30\n\n[other]\nx = 1\n");
        assertThat(cmd("config", "get", "guestinfo", "poll-interval"))
                .isEqualTo(new Result(0, "[guestinfo] poll-interval = 30\n", ""));
        assertThat(cmd("config", "get", "nothing")).isEqualTo(new Result(0, "[nothing] UNSET\n", ""));
        assertThat(cmd("config", "set", "guestinfo", "diskinfo-include-reserved", "true")
                        .status())
                .isZero();
        assertThat(cmd("config", "remove", "other", "x").status()).isZero();
        assertThat(cmd("config", "remove", "other", "x").status())
                .as("idempotent")
                .isZero();
        assertThat(cmd("logging", "level", "set", "vmsvc", "debug").status()).isZero();
        assertThat(cmd("logging", "level", "get", "vmsvc")).isEqualTo(new Result(0, "vmsvc.level = debug\n", ""));
        assertThat(cmd("logging", "level", "get", "vmtoolsd").out()).isEqualTo("vmtoolsd.level = message\n");
        assertThat(cmd("logging", "level", "set", "vmsvc", "loud").status()).isEqualTo(64);
        assertThat(cmd("config", "set", "bad]section", "k", "v").status()).isEqualTo(64);
        assertThat(Files.readString(conf))
                .isEqualTo("# keep me\n[guestinfo]\npoll-interval = 30\ndiskinfo-include-reserved = true\n\n"
                        + "[other]\n[logging]\nvmsvc.level = debug\n");
        assertThat(cmd("config", "get", "guestinfo").out())
                .isEqualTo("[guestinfo]\npoll-interval = 30\ndiskinfo-include-reserved = true\n");
    }

    @Test
    void scriptSettings() throws Exception {
        needRoot("script needs root, as in open-vm-tools");
        assertThat(cmd("script", "power", "default"))
                .isEqualTo(new Result(0, "/etc/vmware-tools/poweron-vm-default\n", ""));
        assertThat(cmd("script", "suspend", "current").out()).isEqualTo("/etc/vmware-tools/suspend-vm-default\n");
        assertThat(cmd("script", "resume", "disable").status()).isZero();
        assertThat(cmd("script", "resume", "current"))
                .isEqualTo(new Result(75, "", "No script for operation resume.\n"));
        Path mine = Files.writeString(dir.resolve("my-resume.sh"), "#!/bin/sh\n");
        assertThat(cmd("script", "resume", "set", mine.toString()).status()).isZero();
        assertThat(cmd("script", "resume", "current").out()).isEqualTo(mine + "\n");
        assertThat(cmd("script", "resume", "set", dir.resolve("none").toString())
                        .status())
                .isEqualTo(72);
        assertThat(cmd("script", "shutdown", "enable").status()).isZero();
        assertThat(cmd("script", "shutdown", "current").out()).isEqualTo("/etc/vmware-tools/poweroff-vm-default\n");
        assertThat(cmd("script", "hibernate", "current").status()).isEqualTo(64);
    }

    @Test
    void diskListAndShrink() throws Exception {
        needRoot("disk needs root, as in open-vm-tools");
        assertThat(cmd("disk", "list").status())
                .as("host without disk.wiper.enable")
                .isEqualTo(75);
        vmx.rpci().register("disk.wiper.enable", c -> RpciHandler.ok("1"));
        Result r = cmd("disk", "list");
        // any machine: either shrinkable mounts (one per line, absolute) or none (75)
        if (r.status() == 0) {
            assertThat(r.out().lines()).allMatch(l -> l.startsWith("/"));
        } else {
            assertThat(r.status()).isEqualTo(75);
        }
        assertThat(cmd("disk", "shrink", "/").status()).isEqualTo(69);
    }

    @Test
    void infoUpdateNetworkSendsTheNicInfoAtOnce() throws Exception {
        needRoot("info needs root, as in open-vm-tools");
        Result r = cmd("info", "update", "network");
        assertThat(r.status()).as(r.err()).isZero();
        byte[] body = vmx.rpci().setGuestInfo(10).orElseThrow();
        NicInfoXdr.decode(body); // well-formed V3
        assertThat(cmd("info", "update", "disks").status()).isEqualTo(64);
        assertThat(cmd("info", "get", "network").status()).isEqualTo(64);
    }

    @Test
    void nonRootIsRefusedWith77() throws Exception {
        if (root()) {
            System.out.println(
                    "ToolboxCmdProcessTest.nonRootIsRefusedWith77 skipped: only meaningful as a normal user");
        }
        assumeTrue(!root(), "only meaningful as a normal user");
        assertThat(cmd("config", "get", "x").status()).isEqualTo(77);
        assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
}
