package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.testing.StagingTrees;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.dist.testing.TreeListing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh and uninstall.sh of a staged image, into a DESTDIR, with /bin/sh. */
class InstallScriptTest {
    @TempDir
    static Path work;

    static Path image;

    @BeforeAll
    static void stage() throws Exception {
        image = StagingTrees.stage(work.resolve("stage"));
    }

    @Test
    void uninstallLeavesTheDestdirExactlyAsBeforeAndInstallTwiceChangesNothing(@TempDir Path dest) throws Exception {
        populate(dest);
        Map<String, String> before = TreeListing.of(dest);

        String first = install(dest).stdout();
        Map<String, String> installed = TreeListing.of(dest);
        assertThat(installed)
                .containsEntry(
                        "opt/guest-tools/bin/guest-tools-java", installed.get("opt/guest-tools/bin/guest-tools-java"))
                .containsEntry("usr/sbin/guest-tools-uninstall", "l -> /opt/guest-tools/sbin/guest-tools-uninstall")
                .containsEntry(
                        "etc/systemd/system/multi-user.target.wants/triton-guest.service",
                        "l -> /lib/systemd/system/triton-guest.service")
                .containsEntry("usr/sbin/existing-tool", before.get("usr/sbin/existing-tool"))
                .containsKey("opt/guest-tools/lib/echo-test.jar")
                .containsKey("opt/guest-tools/install-manifest");
        assertThat(installed.get("opt/guest-tools/bin/guest-tools-java")).startsWith("f 755 ");
        assertThat(installed.get("etc/guest-tools/guest-tools.conf")).startsWith("f 644 ");
        assertThat(first)
                .contains(
                        "created /opt/",
                        "installed /opt/guest-tools/bin/guest-tools-java",
                        "enabled triton-guest.service (multi-user.target)",
                        "linked /usr/sbin/guest-tools-uninstall -> /opt/guest-tools/sbin/guest-tools-uninstall");
        assertThat(first)
                .doesNotContain("created /usr/\n")
                .doesNotContain("created /etc/systemd/\n")
                .contains("generated class data sharing archive /opt/guest-tools/runtime/lib/server/classes.jsa");
        assertThat(installed.get("opt/guest-tools/runtime/lib/server/classes.jsa"))
                .startsWith("f ");

        install(dest);
        assertThat(TreeListing.of(dest)).isEqualTo(installed);

        String removed =
                uninstall(dest, "opt/guest-tools/sbin/guest-tools-uninstall").stdout();
        assertThat(removed).contains("removed /opt/guest-tools/bin/guest-tools-java", "removed /opt/");
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    @Test
    void keepsExistingConfigurationAndRestoresFilesItMovedAside(@TempDir Path dest) throws Exception {
        Files.createDirectories(dest.resolve("etc/guest-tools"));
        Files.writeString(dest.resolve("etc/guest-tools/guest-tools.conf"), "GUEST_TOOLS_LOG_LEVEL=debug\n");
        Files.createDirectories(dest.resolve("usr/sbin"));
        Files.writeString(dest.resolve("usr/sbin/guest-tools-uninstall"), "an older tool\n");
        Map<String, String> before = TreeListing.of(dest);

        String out = install(dest).stdout();
        assertThat(out)
                .contains(
                        "kept existing configuration /etc/guest-tools/guest-tools.conf",
                        "moved aside /usr/sbin/guest-tools-uninstall");
        assertThat(Files.readString(dest.resolve("etc/guest-tools/guest-tools.conf")))
                .contains("debug");
        assertThat(Files.readString(dest.resolve("usr/sbin/guest-tools-uninstall.guest-tools-orig")))
                .isEqualTo("an older tool\n");
        install(dest);

        uninstall(dest, "opt/guest-tools/sbin/guest-tools-uninstall");
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    @Test
    void anUpdateRemovesWhatTheNewImageNoLongerHas(@TempDir Path dest) throws Exception {
        Path older = StagingTrees.stage(dest.resolveSibling(dest.getFileName() + "-older"));
        Files.writeString(older.resolve("linux/opt/guest-tools/lib/dropped.jar"), "old");
        Map<String, String> before = TreeListing.of(dest);
        run(List.of("sh", older.resolve("linux/install.sh").toString()), dest);
        assertThat(dest.resolve("opt/guest-tools/lib/dropped.jar")).exists();

        String out = install(dest).stdout();
        assertThat(out).contains("removed obsolete /opt/guest-tools/lib/dropped.jar");
        assertThat(dest.resolve("opt/guest-tools/lib/dropped.jar")).doesNotExist();
        assertThat(Files.readString(dest.resolve("opt/guest-tools/install-manifest")))
                .doesNotContain("dropped.jar");
        uninstall(dest, "opt/guest-tools/sbin/guest-tools-uninstall");
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    @Test
    void theInstalledLauncherRunsAMainClassWithTheTunedFlagsAndTheConfiguredOptions(@TempDir Path dest)
            throws Exception {
        install(dest);
        Files.writeString(
                dest.resolve("etc/guest-tools/guest-tools.conf"),
                "GUEST_TOOLS_JAVA_OPTS=-Dfrom.conf=yes\n",
                java.nio.file.StandardOpenOption.APPEND);
        Tool.Result result = Tool.run(
                        List.of(
                                dest.resolve("opt/guest-tools/bin/guest-tools-java")
                                        .toString(),
                                "cli",
                                StagingTrees.ECHO_MAIN,
                                "a b",
                                "c"),
                        Map.of(
                                "GUEST_TOOLS_CONF",
                                dest.resolve("etc/guest-tools/guest-tools.conf").toString()),
                        null)
                .ok();
        assertThat(result.stdout())
                .contains(
                        "args=a b,c",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Dfrom.conf=yes",
                        "home=" + dest.resolve("opt/guest-tools"));
        Tool.Result usage = Tool.run(
                List.of(dest.resolve("opt/guest-tools/bin/guest-tools-java").toString(), "fast", "X"));
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("profile must be cli or service");
    }

    @Test
    void noSystemdLeavesTheUnitsOutAndRefusesAMissingDestdir(@TempDir Path dest) throws Exception {
        run(List.of("sh", image.resolve("linux/install.sh").toString(), "--no-systemd"), dest);
        assertThat(dest.resolve("lib/systemd")).doesNotExist();
        assertThat(dest.resolve("etc/systemd")).doesNotExist();
        Tool.Result missing = Tool.run(
                List.of("sh", image.resolve("linux/install.sh").toString()),
                Map.of("DESTDIR", dest.resolve("nope").toString()),
                null);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("does not exist");
        for (String script : List.of("install.sh", "uninstall.sh")) {
            Tool.Result noValue =
                    Tool.run(List.of("sh", image.resolve("linux/" + script).toString(), "--destdir"));
            assertThat(noValue.exitCode()).isEqualTo(2);
            assertThat(noValue.stderr()).isEqualTo(script + ": --destdir needs a directory\n");
        }
    }

    @Test
    void aRelativeDestdirIsTakenFromTheCurrentDirectory(@TempDir Path parent) throws Exception {
        Path dest = Files.createDirectory(parent.resolve("root"));
        Tool.run(
                        List.of(
                                "sh",
                                image.resolve("linux/install.sh").toString(),
                                "--no-systemd",
                                "--destdir",
                                "root"),
                        Map.of(),
                        parent)
                .ok();
        assertThat(dest.resolve("opt/guest-tools/bin/guest-tools-java")).isExecutable();
        Tool.run(List.of("sh", image.resolve("linux/uninstall.sh").toString(), "--destdir=root"), Map.of(), parent)
                .ok();
        assertThat(TreeListing.of(dest)).isEmpty();
    }

    /**
     * Configuration through an upgrade and an uninstall, as a package manager treats it: a file as
     * installed is updated, an edited one kept (the new version beside it), and an edited one is
     * kept by uninstall as NAME.guest-tools-save. The SysV and OpenRC first-boot hooks under /etc
     * go the same way.
     */
    @Test
    void configurationIsUpdatedWhileUnchangedAndKeptOnceEdited(@TempDir Path dest) throws Exception {
        Path older = StagingTrees.stage(dest.resolveSibling(dest.getFileName() + "-older"));
        Files.writeString(older.resolve("linux/etc/guest-tools/guest-tools.conf"), "# older defaults\n");
        Files.writeString(older.resolve("linux/etc/vmware-toolbox/toolbox.conf"), "# older toolbox defaults\n");
        run(List.of("sh", older.resolve("linux/install.sh").toString()), dest);
        Path toolbox = dest.resolve("etc/vmware-toolbox/toolbox.conf");
        Files.writeString(toolbox, "# mine\n");

        String out = install(dest).stdout();
        Path dist = dest.resolve("etc/vmware-toolbox/toolbox.conf.guest-tools-dist");
        String newToolbox = Files.readString(image.resolve("linux/etc/vmware-toolbox/toolbox.conf"));
        assertThat(Files.readString(dest.resolve("etc/guest-tools/guest-tools.conf")))
                .isEqualTo(Files.readString(image.resolve("linux/etc/guest-tools/guest-tools.conf")));
        assertThat(Files.readString(toolbox)).isEqualTo("# mine\n");
        assertThat(Files.readString(dist)).isEqualTo(newToolbox);
        assertThat(out)
                .contains(
                        "installed /etc/guest-tools/guest-tools.conf",
                        "kept your edited configuration /etc/vmware-toolbox/toolbox.conf (this image's version:"
                                + " /etc/vmware-toolbox/toolbox.conf.guest-tools-dist)");

        // The user takes the new version: the copy beside it goes with the next install.
        Files.writeString(toolbox, newToolbox);
        assertThat(install(dest).stdout())
                .contains("removed obsolete /etc/vmware-toolbox/toolbox.conf.guest-tools-dist");
        assertThat(dist).doesNotExist();

        Files.writeString(toolbox, "# mine again\n");
        String removed =
                uninstall(dest, "opt/guest-tools/sbin/guest-tools-uninstall").stdout();
        assertThat(removed)
                .contains("kept your edited /etc/vmware-toolbox/toolbox.conf as"
                        + " /etc/vmware-toolbox/toolbox.conf.guest-tools-save");
        assertThat(TreeListing.of(dest).keySet())
                .containsExactlyInAnyOrder(
                        "etc", "etc/vmware-toolbox", "etc/vmware-toolbox/toolbox.conf.guest-tools-save");
        assertThat(Files.readString(dest.resolve("etc/vmware-toolbox/toolbox.conf.guest-tools-save")))
                .isEqualTo("# mine again\n");
    }

    /**
     * An upgrade whose image brings another runtime: the base archive the old runtime made cannot be
     * mapped by the new one (here: its bytes damaged), and every tool would start without any
     * archive. The install makes it again; a valid one is kept (the test above).
     */
    @Test
    void aBaseArchiveTheRuntimeCannotMapIsMadeAgain(@TempDir Path dest) throws Exception {
        install(dest);
        Path jsa = dest.resolve("opt/guest-tools/runtime/lib/server/classes.jsa");
        Path java = dest.resolve("opt/guest-tools/runtime/bin/java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(jsa), "no base archive made here");
        byte[] bytes = Files.readAllBytes(jsa);
        for (int i = 0; i < 64; i++) {
            bytes[i] = 0;
        }
        Files.write(jsa, bytes);
        assertThat(Tool.run(List.of(java.toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + jsa, "-version"))
                        .exitCode())
                .isNotZero();

        assertThat(install(dest).stdout())
                .contains("generated class data sharing archive /opt/guest-tools/runtime/lib/server/classes.jsa");
        assertThat(Tool.run(List.of(java.toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + jsa, "-version"))
                        .exitCode())
                .isZero();
        uninstall(dest, "opt/guest-tools/sbin/guest-tools-uninstall");
    }

    /**
     * Debian 12, Ubuntu, Fedora and most other systems have merged /usr: /lib, /bin and /sbin are
     * links into /usr. The image's lib/ goes through the link, which stays as it was.
     */
    @Test
    void aMergedUsrSystemIsInstalledThroughItsLinksAndLeftAsItWas(@TempDir Path dest) throws Exception {
        for (String dir : List.of("lib", "bin", "sbin")) {
            Files.createDirectories(dest.resolve("usr/" + dir));
            Files.createSymbolicLink(dest.resolve(dir), Path.of("usr/" + dir));
        }
        Files.createDirectories(dest.resolve("etc/systemd/system"));
        Map<String, String> before = TreeListing.of(dest);

        install(dest);
        assertThat(dest.resolve("usr/lib/systemd/system/triton-guest.service")).isRegularFile();
        assertThat(Files.isSymbolicLink(dest.resolve("lib"))).isTrue();
        Map<String, String> installed = TreeListing.of(dest);
        assertThat(installed).containsEntry("lib", "l -> usr/lib");
        assertThat(Files.readString(dest.resolve("opt/guest-tools/install-manifest")))
                .contains("f /lib/systemd/system/triton-guest.service")
                .doesNotContain("d /lib\n");
        install(dest);
        assertThat(TreeListing.of(dest)).isEqualTo(installed);

        uninstall(dest, "opt/guest-tools/sbin/guest-tools-uninstall");
        assertThat(TreeListing.of(dest)).isEqualTo(before);
    }

    /**
     * A guest's root with an absolute link (/lib -> /usr/lib) would lead out of the DESTDIR into
     * this machine's own directories: refused before anything is written.
     */
    @Test
    void aLinkOutOfTheDestdirIsRefusedBeforeAnythingIsWritten(@TempDir Path dest, @TempDir Path outside)
            throws Exception {
        Files.createDirectories(dest.resolve("usr/lib"));
        Files.createSymbolicLink(dest.resolve("lib"), outside);
        Map<String, String> before = TreeListing.of(dest);

        Tool.Result refused = Tool.run(
                List.of("sh", image.resolve("linux/install.sh").toString()), Map.of("DESTDIR", dest.toString()), null);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr())
                .contains(dest.resolve("lib") + " links to " + outside.toRealPath() + ", outside DESTDIR");
        assertThat(TreeListing.of(dest)).isEqualTo(before);
        assertThat(TreeListing.of(outside)).isEmpty();
    }

    /** A DESTDIR with some of what a real system has. */
    private static void populate(Path dest) throws Exception {
        Files.createDirectories(dest.resolve("usr/sbin"));
        Files.writeString(dest.resolve("usr/sbin/existing-tool"), "#!/bin/sh\n");
        Files.createDirectories(dest.resolve("etc/systemd/system"));
        Files.writeString(dest.resolve("etc/hostname"), "guest\n");
        Files.createDirectories(dest.resolve("lib"));
    }

    private static Tool.Result install(Path dest) throws Exception {
        return run(List.of("sh", image.resolve("linux/install.sh").toString()), dest);
    }

    private static Tool.Result uninstall(Path dest, String installedScript) throws Exception {
        return run(List.of("sh", dest.resolve(installedScript).toString()), dest);
    }

    private static Tool.Result run(List<String> command, Path dest) throws Exception {
        return Tool.run(command, Map.of("DESTDIR", dest.toString()), null).ok();
    }
}
