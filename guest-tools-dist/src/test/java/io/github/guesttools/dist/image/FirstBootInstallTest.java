package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.testing.StagingTrees;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.dist.testing.TreeListing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First boot and prepare-image as installed from the image into a DESTDIR: the hook each init
 * system gets (systemd unit, SysV init script, OpenRC local.d), the installed triton-guest doing
 * nothing off SmartOS, and prepare-image shipped and run like the mdata tools.
 */
class FirstBootInstallTest {
    @TempDir
    static Path work;

    static Path image;

    @BeforeAll
    static void stage() throws Exception {
        image = StagingTrees.stage(work.resolve("stage"), StagingTrees.componentJars(work.resolve("jars")));
    }

    private static Tool.Result install(Path dest, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("sh", image.resolve("linux/install.sh").toString()));
        command.addAll(List.of(options));
        return Tool.run(command, Map.of("DESTDIR", dest.toString()), null).ok();
    }

    private static void uninstall(Path dest) throws Exception {
        Tool.run(
                        List.of(
                                "sh",
                                dest.resolve("opt/guest-tools/sbin/guest-tools-uninstall")
                                        .toString()),
                        Map.of("DESTDIR", dest.toString()),
                        null)
                .ok();
    }

    @Test
    void aSysvinitGuestGetsAnInitScriptStartedInEveryMultiUserRunlevel(@TempDir Path dest) throws Exception {
        for (String dir : List.of(
                "etc/init.d",
                "etc/rc0.d",
                "etc/rc1.d",
                "etc/rc2.d",
                "etc/rc3.d",
                "etc/rc4.d",
                "etc/rc5.d",
                "etc/rc6.d",
                "usr/sbin",
                "lib")) {
            Files.createDirectories(dest.resolve(dir));
        }
        Files.writeString(dest.resolve("etc/init.d/rc.local"), "#!/bin/sh\n");
        Map<String, String> before = TreeListing.of(dest);

        String out = install(dest, "--no-systemd").stdout();
        Map<String, String> installed = TreeListing.of(dest);
        assertThat(installed.get("etc/init.d/triton-guest")).startsWith("f 755 ");
        for (int level = 2; level <= 5; level++) {
            assertThat(installed).containsEntry("etc/rc" + level + ".d/S99triton-guest", "l -> ../init.d/triton-guest");
        }
        assertThat(installed)
                .doesNotContainKeys(
                        "etc/rc0.d/S99triton-guest",
                        "etc/rc6.d/S99triton-guest",
                        "lib/systemd/system/triton-guest.service",
                        "etc/local.d/triton-guest.start");
        assertThat(out)
                .contains(
                        "installed /etc/init.d/triton-guest",
                        "linked /etc/rc2.d/S99triton-guest -> ../init.d/triton-guest");

        String script = dest.resolve("etc/init.d/triton-guest").toString();
        assertThat(Tool.run(List.of("sh", "-n", script)).exitCode()).isZero();
        assertThat(Tool.run(List.of("sh", script, "stop")).exitCode()).isZero();
        Tool.Result usage = Tool.run(List.of("sh", script, "frob"));
        assertThat(usage.exitCode()).isEqualTo(3);
        assertThat(usage.stderr()).contains("Usage:");
        assertThat(Files.readString(dest.resolve("etc/init.d/triton-guest")))
                .contains("exec /lib/smartdc/triton-guest.sh --live", "# Default-Start:     2 3 4 5");
        assertThat(installed).containsEntry("lib/smartdc/triton-guest.sh", "l -> /opt/guest-tools/bin/triton-guest");

        assertThat(install(dest, "--no-systemd").stdout()).doesNotContain("linked /etc/rc2.d");
        assertThat(TreeListing.of(dest)).isEqualTo(installed);
        uninstall(dest);
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    @Test
    void anOpenRcGuestGetsALocalDHookAndTheLocalServiceEnabled(@TempDir Path dest) throws Exception {
        Files.createDirectories(dest.resolve("sbin"));
        Files.writeString(dest.resolve("sbin/openrc"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dest.resolve("sbin/openrc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dest.resolve("etc/init.d"));
        Files.writeString(dest.resolve("etc/init.d/local"), "#!/sbin/openrc-run\n");
        Files.createDirectories(dest.resolve("etc/runlevels/default"));
        Files.createDirectories(dest.resolve("usr/sbin"));
        Map<String, String> before = TreeListing.of(dest);

        install(dest, "--no-systemd");
        Map<String, String> installed = TreeListing.of(dest);
        assertThat(installed.get("etc/local.d/triton-guest.start")).startsWith("f 755 ");
        assertThat(installed)
                .containsEntry("etc/runlevels/default/local", "l -> /etc/init.d/local")
                .doesNotContainKey("etc/init.d/triton-guest");
        String hook = dest.resolve("etc/local.d/triton-guest.start").toString();
        assertThat(Tool.run(List.of("sh", "-n", hook)).exitCode()).isZero();
        assertThat(Files.readString(Path.of(hook))).contains("exec /lib/smartdc/triton-guest.sh --live");

        uninstall(dest);
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    @Test
    void anAlreadyEnabledLocalServiceIsLeftAsItIs(@TempDir Path dest) throws Exception {
        Files.createDirectories(dest.resolve("etc/local.d"));
        Files.createDirectories(dest.resolve("etc/init.d"));
        Files.writeString(dest.resolve("etc/init.d/local"), "#!/sbin/openrc-run\n");
        Files.createDirectories(dest.resolve("etc/runlevels/default"));
        Files.createSymbolicLink(dest.resolve("etc/runlevels/default/local"), Path.of("/etc/init.d/local"));
        Map<String, String> before = TreeListing.of(dest);
        String out = install(dest, "--no-systemd").stdout();
        assertThat(out).contains("installed /etc/local.d/triton-guest.start").doesNotContain("runlevels");
        uninstall(dest);
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    @Test
    void theInstalledFirstBootDoesNothingOffSmartOsAndPrepareImageShipsLikeTheMdataTools(@TempDir Path dest)
            throws Exception {
        Files.createDirectories(dest.resolve("usr/sbin"));
        Files.createDirectories(dest.resolve("etc/systemd/system"));
        install(dest);
        Map<String, String> installed = TreeListing.of(dest);
        assertThat(installed)
                .containsEntry("lib/smartdc/prepare-image", "l -> /opt/guest-tools/bin/prepare-image")
                .containsEntry(
                        "etc/systemd/system/multi-user.target.wants/triton-guest.service",
                        "l -> /lib/systemd/system/triton-guest.service")
                .doesNotContainKey("etc/init.d/triton-guest");
        assertThat(installed.get("opt/guest-tools/bin/prepare-image")).startsWith("f 755 ");
        assertThat(Files.readString(dest.resolve("lib/systemd/system/triton-guest.service")))
                .doesNotContain("Wants=network-online.target");

        // A KVM guest that is not on SmartOS: the DMI strings of QEMU.
        Path guest = Files.createDirectories(dest.resolveSibling(dest.getFileName() + "-guest"));
        Path dmi = Files.createDirectories(guest.resolve("sys/class/dmi/id"));
        Files.writeString(dmi.resolve("sys_vendor"), "QEMU\n");
        Files.writeString(dmi.resolve("product_name"), "Standard PC (i440FX + PIIX, 1996)\n");
        Tool.Result firstBoot = Tool.run(List.of(
                dest.resolve("opt/guest-tools/bin/triton-guest").toString(), "--root", guest.toString(), "--live"));
        assertThat(firstBoot.exitCode()).isZero();
        assertThat(firstBoot.stdout())
                .contains("no SmartOS/Triton host here (DMI product 'Standard PC (i440FX + PIIX, 1996)',"
                        + " vendor 'QEMU', no zone metadata socket): nothing to do");

        Files.createDirectories(guest.resolve("etc/ssh"));
        Files.writeString(guest.resolve("etc/ssh/ssh_host_ed25519_key"), "secret");
        Files.writeString(guest.resolve("etc/machine-id"), "0123456789abcdef0123456789abcdef\n");
        Tool.Result dry = Tool.run(List.of(
                dest.resolve("opt/guest-tools/bin/prepare-image").toString(), "--root", guest.toString(), "--dry-run"));
        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(dry.stdout())
                .contains("would be removed: /etc/ssh/ssh_host_ed25519_key", "would be emptied: /etc/machine-id");
        Tool.Result done = Tool.run(List.of(
                dest.resolve("opt/guest-tools/bin/prepare-image").toString(), "--root", guest.toString(), "--yes"));
        assertThat(done.exitCode()).as(done.stderr()).isZero();
        assertThat(guest.resolve("etc/ssh/ssh_host_ed25519_key")).doesNotExist();
        assertThat(guest.resolve("etc/machine-id")).isEmptyFile();
        uninstall(dest);
    }
}
