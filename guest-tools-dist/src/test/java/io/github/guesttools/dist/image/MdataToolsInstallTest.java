package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.dist.testing.StagingTrees;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.dist.testing.TreeListing;
import io.github.guesttools.mdata.server.MetadataServer;
import io.github.guesttools.mdata.server.MetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SmartOS metadata tools as installed from the image: install.sh into a DESTDIR, then the
 * installed {@code usr/sbin/mdata-*} (links into {@code opt/guest-tools/bin}) against a real
 * host-side {@link MetadataServer} on a Unix socket, then uninstall.
 *
 * <p>The staged image has the real component jars (smartos-mdata, JNA, ...) in its jar directory;
 * its "runtime" is {@link StagingTrees}' {@code bin/java} that runs this test's JVM, so the
 * installed launcher takes the bundled-runtime path ({@code <home>/runtime/bin/java}) exactly as
 * on a guest, without jlink in the test.
 */
class MdataToolsInstallTest {
    private static final String METADATA = """
            {"uuid": "8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e", "hostname": "vm-web01",
             "customer_metadata": {"hostname": "web01", "user-script": "#!/bin/sh\\ntrue\\n"},
             "internal_metadata": {"root_pw": "secret"}}
            """;

    @TempDir
    static Path work;

    static Path image;

    @TempDir
    Path host;

    MetadataServer server;
    Path socket;

    @BeforeAll
    static void stage() throws Exception {
        image = StagingTrees.stage(work.resolve("stage"), StagingTrees.componentJars(work.resolve("jars")));
    }

    @BeforeEach
    void startHost() throws IOException {
        Path metadata = Files.writeString(host.resolve("vm.json"), METADATA);
        server = new MetadataServer(MetadataStore.load(metadata, MetadataStore.DEFAULT_MAX_VALUE_BYTES));
        socket = host.resolve("metadata.sock");
        server.listenOnSocket(socket);
    }

    @AfterEach
    void stopHost() throws IOException {
        server.close();
    }

    @Test
    void theInstalledToolsGetPutDeleteAndListAndUninstallLeavesTheDestdirAsBefore(@TempDir Path dest) throws Exception {
        Files.createDirectories(dest.resolve("usr/sbin"));
        Files.createDirectories(dest.resolve("etc/systemd/system"));
        Map<String, String> before = TreeListing.of(dest);

        String out = Tool.run(
                        List.of("sh", image.resolve("linux/install.sh").toString()),
                        Map.of("DESTDIR", dest.toString()),
                        null)
                .ok()
                .stdout();
        assertThat(out)
                .contains(
                        "linked /usr/sbin/mdata-get -> ../../opt/guest-tools/bin/mdata-get",
                        "linked /lib/smartdc/mdata-get -> /usr/sbin/mdata-get");
        Map<String, String> installed = TreeListing.of(dest);
        assertThat(installed)
                .containsEntry("usr/sbin/mdata-put", "l -> ../../opt/guest-tools/bin/mdata-put")
                .containsEntry("usr/sbin/mdata-delete", "l -> ../../opt/guest-tools/bin/mdata-delete")
                .containsEntry("usr/sbin/mdata-list", "l -> ../../opt/guest-tools/bin/mdata-list")
                .containsEntry("lib/smartdc/triton-guest.sh", "l -> /opt/guest-tools/bin/triton-guest")
                .containsEntry(
                        "lib/smartdc/set-root-authorized-keys", "l -> /opt/guest-tools/bin/set-root-authorized-keys")
                .containsEntry(
                        "etc/systemd/system/multi-user.target.wants/triton-guest.service",
                        "l -> /lib/systemd/system/triton-guest.service");
        assertThat(installed.get("opt/guest-tools/bin/mdata-launch")).startsWith("f 755 ");
        assertThat(installed.get("opt/guest-tools/bin/triton-guest")).startsWith("f 755 ");
        assertThat(installed.keySet())
                .anyMatch(name -> name.matches("opt/guest-tools/lib/smartos-mdata.*\\.jar"))
                .anyMatch(name -> name.matches("opt/guest-tools/lib/jna-.*\\.jar"));

        String mdataGet = dest.resolve("usr/sbin/mdata-get").toString();
        Tool.Result found = mdata("mdata-get", dest, "hostname");
        assertThat(found.exitCode()).as(found.stderr()).isZero();
        assertThat(found.stdout()).isEqualTo("web01\n");
        assertThat(found.stderr()).isEmpty();

        Tool.Result sdc = mdata("mdata-get", dest, "sdc:uuid");
        assertThat(sdc.stdout()).isEqualTo("8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e\n");

        Tool.Result missing = mdata("mdata-get", dest, "no-such-key");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).isEqualTo("No metadata for 'no-such-key'\n");

        Tool.Result usage = mdata("mdata-get", dest);
        assertThat(usage.exitCode()).isEqualTo(3);
        assertThat(usage.stderr()).isEqualTo("mdata-get: Usage: " + mdataGet + " <keyname>\n");

        // The option instead of the environment.
        Tool.Result option =
                Tool.run(List.of(mdataGet, "--transport=unix:" + socket, "--timeout=120", "hostname"), Map.of(), null);
        assertThat(option.exitCode()).as(option.stderr()).isZero();
        assertThat(option.stdout()).isEqualTo("web01\n");

        assertThat(mdata("mdata-put", dest, "status", "ready é").exitCode()).isZero();
        assertThat(mdata("mdata-get", dest, "status").stdout()).isEqualTo("ready é\n");
        Tool.Result refused = mdata("mdata-put", dest, "sdc:uuid", "x");
        assertThat(refused.exitCode()).isEqualTo(2);

        Tool.Result list = mdata("mdata-list", dest);
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout()).isEqualTo("hostname\nuser-script\nstatus\nroot_pw\n");

        assertThat(mdata("mdata-delete", dest, "status").exitCode()).isZero();
        assertThat(mdata("mdata-get", dest, "status").exitCode()).isEqualTo(1);

        // The first run made the tools' class-data archive; uninstall removes it too.
        assertThat(dest.resolve("opt/guest-tools/lib/mdata.jsa")).isNotEmptyFile();
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

    private Tool.Result mdata(String tool, Path dest, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(dest.resolve("usr/sbin").resolve(tool).toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("MDATA_TRANSPORT", "unix:" + socket);
        env.put("MDATA_TIMEOUT", "120");
        return Tool.run(command, env, null);
    }
}
