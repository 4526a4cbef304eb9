package io.github.guesttools.mdata.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.internal.json.JsonWriter;
import io.github.guesttools.mdata.server.MetadataServer;
import io.github.guesttools.mdata.server.MetadataStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each task against a temporary root, with metadata from a real server over a Unix socket. */
class ProvisionTest {
    @TempDir
    Path dir;

    final List<String> log = new CopyOnWriteArrayList<>();
    MetadataServer server;
    Path sock;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Path root() throws Exception {
        return Files.createDirectories(dir.resolve("root"));
    }

    /** Starts a server for a VM document with these customer keys (and sdc fields). */
    private void serve(Map<String, Object> customer, Map<String, Object> vmFields) throws Exception {
        if (server != null) {
            server.close();
        }
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("uuid", "8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e");
        vm.putAll(vmFields);
        vm.put("customer_metadata", new LinkedHashMap<>(customer));
        vm.put(
                "internal_metadata",
                new LinkedHashMap<>(Map.of("operator-script", "#!/bin/sh\necho \"$0\" > \"$PWD/operator-ran\"\n")));
        Path file = dir.resolve("metadata.json");
        Files.writeString(file, JsonWriter.write(vm));
        server = new MetadataServer(MetadataStore.load(file, 1 << 20));
        sock = dir.resolve("m.sock");
        server.listenOnSocket(sock);
    }

    private void run(ProvisionTask task, boolean live) throws Exception {
        try (MetadataClient md =
                MetadataClient.builder().transport("unix:" + sock).build()) {
            task.run(new ProvisionContext(root(), md, ProvisionLog.to(log::add), live));
        }
    }

    private static String sshKey(String algorithm) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        PublicKey key = g.generateKeyPair().getPublic();
        return algorithm.equals("RSA")
                ? SshKeyBlobs.line("ssh-rsa", SshKeyBlobs.rsa((RSAPublicKey) key))
                : SshKeyBlobs.line("ssh-ed25519", SshKeyBlobs.ed25519((EdECPublicKey) key));
    }

    @Test
    void authorizedKeysAreValidatedAndWrittenWithTheRightModes() throws Exception {
        String ed = sshKey("Ed25519") + " alice@example";
        String rsa = "from=\"10.0.0.0/8,192.168.0.1\",no-pty " + sshKey("RSA") + " bob";
        String broken = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDtruncated bad";
        String mismatched = "ssh-ed25519 " + sshKey("RSA").substring(8) + " mallory";
        serve(
                Map.of(
                        "root_authorized_keys",
                        "# keys\n" + ed + "\n\n" + broken + "\n" + rsa + "\r\n" + mismatched + "\nnot a key\n"),
                Map.of());
        run(new RootAuthorizedKeys(), false);

        Path keys = root().resolve("root/.ssh/authorized_keys");
        assertThat(Files.readString(keys)).isEqualTo(ed + "\n" + rsa + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.getAttribute(keys, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(0);
        assertThat(log)
                .filteredOn(l -> l.startsWith("warn: root_authorized_keys line"))
                .hasSize(3);

        // Present and no overwrite flag: left alone.
        Files.writeString(keys, "mine\n");
        run(new RootAuthorizedKeys(), false);
        assertThat(Files.readString(keys)).isEqualTo("mine\n");
        serve(Map.of("root_authorized_keys", ed, "overwrite_root_akeys", "OVERWRITE"), Map.of());
        run(new RootAuthorizedKeys(), false);
        assertThat(Files.readString(keys)).isEqualTo(ed + "\n");
        // Only invalid keys: nothing is written.
        serve(Map.of("root_authorized_keys", broken, "overwrite_root_akeys", "overwrite"), Map.of());
        run(new RootAuthorizedKeys(), false);
        assertThat(Files.readString(keys)).isEqualTo(ed + "\n");
    }

    @Test
    void anInstanceMadeFromAProvisionedImageGetsItsOwnKeysNotTheFirstOnes() throws Exception {
        String first = sshKey("Ed25519") + " first-instance";
        String second = sshKey("Ed25519") + " second-instance";
        serve(Map.of("root_authorized_keys", first), Map.of());
        run(new RootAuthorizedKeys(), false);
        Path keys = root().resolve("root/.ssh/authorized_keys");
        assertThat(Files.readString(keys)).isEqualTo(first + "\n");
        run(new RootAuthorizedKeys(), false); // next boot of the same instance: kept
        assertThat(Files.readString(keys)).isEqualTo(first + "\n");

        // The disk is imaged without prepare-image and booted as another instance.
        serve(Map.of("root_authorized_keys", second), Map.of("uuid", "11111111-2222-3333-4444-555555555555"));
        run(new RootAuthorizedKeys(), false);
        assertThat(Files.readString(keys)).isEqualTo(second + "\n");
        assertThat(Files.readString(root().resolve("var/lib/triton-guest/root-authorized-keys.instance"))
                        .strip())
                .isEqualTo("11111111-2222-3333-4444-555555555555");

        // A third instance without keys in its metadata must not inherit the second one's.
        serve(Map.of(), Map.of("uuid", "99999999-2222-3333-4444-555555555555"));
        run(new RootAuthorizedKeys(), false);
        assertThat(keys).doesNotExist();

        // Keys the operator baked in (not written by provisioning) are left alone, as before.
        Files.writeString(keys, "baked\n");
        serve(Map.of("root_authorized_keys", first), Map.of("uuid", "77777777-2222-3333-4444-555555555555"));
        run(new RootAuthorizedKeys(), false);
        assertThat(Files.readString(keys)).isEqualTo("baked\n");
    }

    @Test
    void userScriptRunsOncePerInstanceAcrossBoots() throws Exception {
        String script = "#!/bin/sh\necho ran >> \"$PWD/runs.log\"\n";
        serve(Map.of("user-script", script), Map.of());
        run(new UserScript(), true); // first boot
        run(new UserScript(), true); // second boot
        Path runs = root().resolve("runs.log");
        assertThat(Files.readAllLines(runs)).containsExactly("ran");
        assertThat(Files.readString(root().resolve("var/tmp/user-script"))).isEqualTo(script);
        assertThat(Files.readString(root().resolve("var/tmp/user-script.lock")).strip())
                .isEqualTo("8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e");

        // The flag forces another run; a new instance (image made from this one) runs it again.
        serve(Map.of("user-script", script, "run_userscript_flag", "true"), Map.of());
        run(new UserScript(), true);
        serve(Map.of("user-script", script), Map.of("uuid", "11111111-2222-3333-4444-555555555555"));
        run(new UserScript(), true);
        run(new UserScript(), true);
        assertThat(Files.readAllLines(runs)).hasSize(3);
    }

    /**
     * Without {@code --live} the root is not the running system (an image being prepared, a guest's
     * disk mounted elsewhere): a script run here would act on this machine. Neither script runs; the
     * user-script is saved under the root and no lock is written, so the guest's first live boot runs it.
     */
    @Test
    void scriptsRunOnlyOnALiveSystem() throws Exception {
        String script = "#!/bin/sh\necho ran >> \"$PWD/runs.log\"\n";
        serve(Map.of("user-script", script), Map.of());
        run(new UserScript(), false);
        run(new OperatorScript(), false);
        assertThat(root().resolve("runs.log")).doesNotExist();
        assertThat(root().resolve("operator-ran")).doesNotExist();
        assertThat(Files.readString(root().resolve("var/tmp/user-script"))).isEqualTo(script);
        assertThat(root().resolve("var/tmp/user-script.lock")).doesNotExist();
        assertThat(log)
                .contains(
                        "info: not live: user-script saved to /var/tmp/user-script, not run (triton-guest --live runs it)",
                        "info: not live: sdc:operator-script not run (triton-guest --live runs it)");

        run(new UserScript(), true);
        assertThat(Files.readAllLines(root().resolve("runs.log"))).containsExactly("ran");
    }

    @Test
    void failingUserScriptIsReported() throws Exception {
        serve(Map.of("user-script", "#!/bin/sh\nexit 7\n"), Map.of());
        run(new UserScript(), true);
        assertThat(log).contains("warn: user-script failed with exit status 7");
    }

    @Test
    void hostnameAndHosts() throws Exception {
        Files.createDirectories(root().resolve("etc"));
        Files.writeString(root().resolve("etc/hosts"), "127.0.0.1\tlocalhost\n::1 localhost\n127.0.1.1 old\n");
        serve(Map.of(), Map.of("hostname", "web01"));
        run(new Hostname(), false);
        assertThat(Files.readString(root().resolve("etc/hostname"))).isEqualTo("web01\n");
        assertThat(Files.readString(root().resolve("etc/hosts")))
                .isEqualTo("127.0.0.1\tlocalhost web01\n::1 localhost\n127.0.1.1 old web01\n");
        // The customer key wins over sdc:hostname; a bad name is refused.
        serve(Map.of("hostname", "db02.example.com"), Map.of("hostname", "web01"));
        run(new Hostname(), false);
        assertThat(Files.readString(root().resolve("etc/hostname"))).isEqualTo("db02.example.com\n");
        serve(Map.of("hostname", "bad name;rm -rf /"), Map.of());
        run(new Hostname(), false);
        assertThat(Files.readString(root().resolve("etc/hostname"))).isEqualTo("db02.example.com\n");
    }

    @Test
    void resolvConf() throws Exception {
        serve(
                Map.of(),
                Map.of(
                        "resolvers",
                        List.of("8.8.8.8", "2001:4860:4860::8888", "evil\nnameserver 6.6.6.6"),
                        "dns_domain",
                        "example.com"));
        run(new Resolvers(), false);
        assertThat(Files.readString(root().resolve("etc/resolv.conf")))
                .isEqualTo("# Written by smartos-mdata set-resolvers from sdc:resolvers\nsearch example.com\n"
                        + "nameserver 8.8.8.8\nnameserver 2001:4860:4860::8888\n");
        // A symlinked resolv.conf (systemd-resolved) is not replaced.
        Path conf = root().resolve("etc/resolv.conf");
        Files.delete(conf);
        Files.createSymbolicLink(conf, Path.of("/run/systemd/resolve/stub-resolv.conf"));
        run(new Resolvers(), false);
        assertThat(Files.isSymbolicLink(conf)).isTrue();
    }

    @Test
    void routesPlan() throws Exception {
        Path eth1 = Files.createDirectories(root().resolve("sys/class/net/eth1"));
        Files.writeString(eth1.resolve("address"), "90:b8:d0:aa:bb:02\n");
        Map<String, Object> nic0 = Map.of("mac", "90:b8:d0:aa:bb:01", "ip", "10.0.0.5");
        Map<String, Object> nic1 = Map.of("mac", "90:B8:D0:AA:BB:02", "ip", "192.168.5.5");
        Map<String, Object> routes = new LinkedHashMap<>();
        routes.put("10.1.0.0/16", "10.0.0.254");
        routes.put("172.16.0.0/12", "nics[1]");
        routes.put("172.20.0.0/16", "nics[0]");
        routes.put("1.2.3.4/99", "10.0.0.1");
        serve(Map.of(), Map.of("nics", List.of(nic0, nic1), "routes", routes));
        try (MetadataClient md =
                MetadataClient.builder().transport("unix:" + sock).build()) {
            List<List<String>> plan = Routes.plan(new ProvisionContext(root(), md, ProvisionLog.to(log::add), false));
            assertThat(plan)
                    .containsExactly(
                            List.of("ip", "route", "replace", "10.1.0.0/16", "via", "10.0.0.254"),
                            List.of(
                                    "ip",
                                    "route",
                                    "replace",
                                    "172.16.0.0/12",
                                    "dev",
                                    "eth1",
                                    "scope",
                                    "link",
                                    "src",
                                    "192.168.5.5"));
        }
        assertThat(log).anyMatch(l -> l.contains("no interface holds 10.0.0.5"));
        assertThat(log).anyMatch(l -> l.contains("1.2.3.4/99") && l.contains("malformed"));
    }

    @Test
    void operatorScriptRunsFromAPrivateDirectoryThatIsRemoved() throws Exception {
        serve(Map.of(), Map.of());
        run(new OperatorScript(), true);
        String ranFrom = Files.readString(root().resolve("operator-ran")).strip();
        assertThat(ranFrom)
                .startsWith(root().resolve("var/tmp/operator-script.").toString());
        assertThat(Files.exists(Path.of(ranFrom))).isFalse();
        assertThat(log).contains("info: operator-script finished");
    }

    @Test
    void secondaryDiskIsOnlyPlannedUnlessEnabled() throws Exception {
        Path vdb = Files.createDirectories(root().resolve("sys/block/vdb"));
        Files.writeString(vdb.resolve("size"), (20L << 30) / 512 + "\n");
        serve(Map.of(), Map.of());
        try (MetadataClient md =
                MetadataClient.builder().transport("unix:" + sock).build()) {
            ProvisionContext ctx = new ProvisionContext(root(), md, ProvisionLog.to(log::add), false);
            SecondaryDisk disk = new SecondaryDisk("/dev/vdb", false);
            List<String> lines = new ArrayList<>();
            for (List<String> c : disk.plan(ctx)) {
                lines.add(String.join(" ", c));
            }
            assertThat(lines)
                    .containsExactly(
                            "parted -s /dev/vdb mklabel gpt",
                            "parted -s -a optimal /dev/vdb mkpart primary ext4 1MiB 100%",
                            "udevadm settle",
                            "mkfs.ext4 -L data /dev/vdb1",
                            "tune2fs -m 0.25 -c 0 -i 6m /dev/vdb1",
                            "mkdir -p /data",
                            "sh -c grep -q '^LABEL=data ' /etc/fstab || printf 'LABEL=data\\t/data\\text4\\tdefaults\\t0 0\\n' >> /etc/fstab",
                            "mount /data");
            disk.run(ctx);
            assertThat(log).anyMatch(l -> l.startsWith("info: dry run"));
            Files.createDirectories(vdb.resolve("vdb1"));
            assertThat(disk.plan(ctx)).isEmpty();
            assertThat(new SecondaryDisk("/dev/vdc", true).plan(ctx)).isEmpty();
        }
        assertThat(SecondaryDisk.reservedPercent(15L << 30)).isEqualTo("0.5");
        assertThat(SecondaryDisk.reservedPercent(100L << 30)).isEqualTo("0.1");
        assertThat(SecondaryDisk.reservedPercent(1L << 40)).isEqualTo("0.02");
    }

    /** Its options are checked before anything else, also where no SmartOS host is (it then exits at once). */
    @Test
    void tritonGuestRefusesAnUnknownArgumentAnywhere() throws Exception {
        var bogus = io.github.guesttools.mdata.testing.ToolProcess.run("triton-guest", Map.of(), null, "--bogus");
        assertThat(bogus.exit()).isEqualTo(3);
        assertThat(bogus.stderr())
                .isEqualTo("triton-guest: unknown argument: --bogus\n"
                        + "usage: triton-guest [--root DIR] [--transport ADDR] [--timeout SECONDS] [--live]\n");
        var missing = io.github.guesttools.mdata.testing.ToolProcess.run(
                "triton-guest", Map.of(), null, "--root", root().toString(), "--timeout");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.stderr()).startsWith("triton-guest: --timeout needs a value\n");
        var help = io.github.guesttools.mdata.testing.ToolProcess.run("triton-guest", Map.of(), null, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("usage: triton-guest ");
    }

    @Test
    void tritonGuestLauncherRunsEveryTaskAgainstARoot() throws Exception {
        serve(
                Map.of("user-script", "#!/bin/sh\necho ran >> \"$PWD/runs.log\"\n"),
                Map.of("hostname", "web01", "resolvers", List.of("8.8.8.8")));
        Path dmi = Files.createDirectories(root().resolve("sys/class/dmi/id")); // a SmartOS HVM guest
        Files.writeString(dmi.resolve("product_name"), "SmartDC HVM\n");
        var r = io.github.guesttools.mdata.testing.ToolProcess.run(
                "triton-guest",
                Map.of(),
                null,
                "--root",
                root().toString(),
                "--transport",
                "unix:" + sock,
                "--timeout",
                "60");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("(info) - set-hostname - hostname set to web01");
        assertThat(Files.readString(root().resolve("etc/hostname"))).isEqualTo("web01\n");
        assertThat(Files.readString(root().resolve("etc/resolv.conf"))).contains("nameserver 8.8.8.8\n");
        // Not live: the scripts are not run on this machine (scriptsRunOnlyOnALiveSystem).
        assertThat(root().resolve("runs.log")).doesNotExist();
        assertThat(root().resolve("operator-ran")).doesNotExist();
        assertThat(r.out()).contains("user-script saved to /var/tmp/user-script, not run");
    }
}
