package io.github.guesttools.mdata.imageprep;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.testing.ToolProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare-image against a fixture root that holds every path it cleans, and what it keeps. */
class PrepareImageTest {
    @TempDir
    Path dir;

    /** Paths that must be gone afterwards. */
    static final List<String> REMOVED = List.of(
            "etc/ssh/ssh_host_rsa_key",
            "etc/ssh/ssh_host_rsa_key.pub",
            "etc/ssh/ssh_host_ed25519_key",
            "etc/ssh/ssh_host_ed25519_key.pub",
            "root/.ssh/authorized_keys",
            "var/log/syslog",
            "var/log/auth.log",
            "var/log/apt/history.log",
            "var/log/journal/abc/system.journal",
            "var/log/cloud-init.log",
            "var/log/cloud-init-output.log",
            "root/.bash_history",
            "root/.ash_history",
            "root/.viminfo",
            "home/alice/.bash_history",
            "home/alice/.zsh_history",
            "var/lib/dhcp/dhclient.eth0.leases",
            "var/lib/dhclient/dhclient--eth0.lease",
            "var/lib/NetworkManager/internal-1234-eth0.lease",
            "var/lib/dhcpcd/eth0.lease",
            "etc/udev/rules.d/70-persistent-net.rules",
            "var/lib/cloud/instance/obj.pkl",
            "var/lib/cloud/instances/i-1/user-data.txt",
            "var/lib/cloud/data/status.json",
            "root/user-script",
            "root/user-data",
            "var/db/mdata-user-data",
            "var/tmp/user-script",
            "var/tmp/user-script.lock",
            "var/lib/triton-guest/root-authorized-keys.instance");
    /** Paths that must stay as they are. */
    static final List<String> KEPT = List.of(
            "etc/ssh/sshd_config",
            "etc/ssh/moduli",
            "root/.bashrc",
            "root/.ssh/config",
            "home/alice/.profile",
            "var/lib/dhcp/README",
            "var/lib/NetworkManager/NetworkManager.state",
            "etc/udev/rules.d/99-local.rules",
            "var/tmp/other",
            "etc/hostname",
            "etc/shadow");

    private Path fixture() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        for (String p : REMOVED) {
            write(root.resolve(p), "instance data of " + p);
        }
        for (String p : KEPT) {
            write(root.resolve(p), "keep " + p);
        }
        write(root.resolve("etc/shadow"), "root:!:19000:0:99999:7:::\nalice:$6$salt$hash:19000:0:99999:7:::\n");
        write(root.resolve("etc/machine-id"), "0123456789abcdef0123456789abcdef\n");
        write(root.resolve("var/log/wtmp"), "login records");
        Files.createDirectories(root.resolve("var/lib/dbus"));
        Files.createSymbolicLink(root.resolve("var/lib/dbus/machine-id"), Path.of("/etc/machine-id"));
        return root;
    }

    private static void write(Path p, String content) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** Every path under the root with its kind and content, to compare two states. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "l " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.put(rel, "d");
                } else {
                    out.put(rel, "f " + Files.readString(p));
                }
            }
        }
        return out;
    }

    @Test
    void cleansEveryInstancePathKeepsTheRestAndIsIdempotent() throws Exception {
        Path root = fixture();
        ToolProcess.Result r = ToolProcess.run("prepare-image", Map.of(), null, "--root", root.toString(), "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        for (String p : REMOVED) {
            assertThat(root.resolve(p)).as(p).doesNotExist();
            assertThat(r.out()).contains("removed /" + p + "\n");
        }
        for (String p : KEPT) {
            assertThat(root.resolve(p)).as(p).isRegularFile();
        }
        assertThat(root.resolve("etc/machine-id")).isRegularFile().isEmptyFile(); // emptied, not deleted
        assertThat(root.resolve("var/log/wtmp")).isRegularFile().isEmptyFile();
        assertThat(root.resolve("var/log/apt")).isDirectory();
        assertThat(root.resolve("var/lib/cloud")).isDirectory().isEmptyDirectory();
        assertThat(root.resolve("var/lib/triton-guest")).isDirectory().isEmptyDirectory();
        assertThat(root.resolve("var/lib/dbus/machine-id")).isSymbolicLink(); // the link to /etc/machine-id stays
        assertThat(r.out()).contains("emptied /etc/machine-id\n", "you may now shut the machine down");

        Map<String, String> after = tree(root);
        ToolProcess.Result again = ToolProcess.run("prepare-image", Map.of(), null, "--root", root.toString(), "--yes");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).startsWith("nothing to clean under ");
        assertThat(tree(root)).isEqualTo(after);
    }

    @Test
    void refusesWithoutYesAndDryRunChangesNothing() throws Exception {
        Path root = fixture();
        Map<String, String> before = tree(root);
        ToolProcess.Result refused = ToolProcess.run("prepare-image", Map.of(), null, "--root", root.toString());
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.stderr()).contains("nothing changed: confirm with --yes");
        assertThat(tree(root)).isEqualTo(before);

        ToolProcess.Result dry =
                ToolProcess.run("prepare-image", Map.of(), null, "--root", root.toString(), "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out())
                .contains(
                        "would be removed: /etc/ssh/ssh_host_rsa_key\n",
                        "would be emptied: /etc/machine-id\n",
                        "would be removed: /root/.ssh/authorized_keys\n");
        assertThat(tree(root)).isEqualTo(before);

        ToolProcess.Result bad = ToolProcess.run("prepare-image", Map.of(), null, "--frobnicate");
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.stderr()).contains(PrepareImageMain.USAGE);
    }

    @Test
    void warnsAboutARootPasswordAndNeverFollowsLinksOutOfTheRoot() throws Exception {
        Path root = fixture();
        write(root.resolve("etc/shadow"), "root:$6$salt$abcdefgh:19000:0:99999:7:::\n");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        write(outside.resolve("precious"), "not the image's");
        Files.createSymbolicLink(root.resolve("var/lib/cloud/escape"), outside);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PrepareImageMain.run(
                new String[] {"--root", root.toString(), "--yes"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING: root has a password in /etc/shadow");
        assertThat(outside.resolve("precious")).hasContent("not the image's");
        assertThat(root.resolve("var/lib/cloud/escape")).doesNotExist(); // the link itself goes
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("you may now");
    }

    @Test
    void aRootReachedThroughALinkedDirectoryIsSkippedWithAWarning() throws Exception {
        Path root = Files.createDirectories(dir.resolve("linked"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere/ssh"));
        write(outside.resolve("ssh_host_rsa_key"), "the host's own key");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/ssh"), outside);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PrepareImageMain.run(
                new String[] {"--root", root.toString(), "--yes"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/etc/ssh is reached through the symbolic link");
        assertThat(outside.resolve("ssh_host_rsa_key")).hasContent("the host's own key");
    }
}
