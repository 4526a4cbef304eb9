package io.github.guesttools.mdata.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.testing.ToolProcess;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-boot entry point ({@code triton-guest}, run by the boot hooks) through its launcher:
 * it runs only where a SmartOS/Triton host is, found under {@code --root} (the seam that lets this
 * run on any machine), and gives up after a bound when the host stays silent.
 */
class TritonGuestTest {
    @TempDir
    Path dir;

    private Path rootWithDmi(String vendor, String product) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path dmi = Files.createDirectories(root.resolve("sys/class/dmi/id"));
        Files.writeString(dmi.resolve("sys_vendor"), vendor + "\n");
        Files.writeString(dmi.resolve("product_name"), product + "\n");
        return root;
    }

    @Test
    void elsewhereItSaysSoAndExitsAtOnceWithoutTouchingTheMetadataLine() throws Exception {
        for (String[] dmi : new String[][] {
            {"VMware, Inc.", "VMware7,1"}, {"QEMU", "Standard PC (Q35 + ICH9, 2009)"}, {"FreeBSD", "BHYVE"}
        }) {
            Path root = rootWithDmi(dmi[0], dmi[1]);
            // A transport that would hang if it were used: a silent socket.
            Path silent = dir.resolve("silent.sock");
            try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                s.bind(UnixDomainSocketAddress.of(silent));
                ToolProcess.Result r = ToolProcess.run(
                        "triton-guest",
                        Map.of("MDATA_TRANSPORT", "unix:" + silent),
                        null,
                        "--root",
                        root.toString(),
                        "--timeout",
                        "0");
                assertThat(r.exit()).isZero();
                assertThat(r.out())
                        .isEqualTo("(info) - triton-guest - no SmartOS/Triton host here (DMI product '" + dmi[1]
                                + "', vendor '" + dmi[0] + "', no zone metadata socket): nothing to do\n");
            } finally {
                Files.deleteIfExists(silent);
            }
            Files.walk(root)
                    .sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
        // No DMI at all (a container, a machine without /sys/class/dmi).
        Path bare = Files.createDirectories(dir.resolve("bare"));
        ToolProcess.Result r = ToolProcess.run("triton-guest", Map.of(), null, "--root", bare.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("DMI product 'none', vendor 'none', no zone metadata socket): nothing to do");
    }

    @Test
    void onASmartOsHvmGuestItWaitsForASilentHostOnlyUntilTheBound() throws Exception {
        Path root = rootWithDmi("Joyent", "SmartDC HVM");
        Path silent = dir.resolve("silent.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(silent));
            ToolProcess.Result r = ToolProcess.run(
                    "triton-guest",
                    Map.of("MDATA_TRANSPORT", "unix:" + silent),
                    null,
                    "--root",
                    root.toString(),
                    "--timeout",
                    "2");
            assertThat(r.out())
                    .contains(
                            "SmartOS/Triton host found (DMI product 'SmartDC HVM')",
                            "gave up waiting for the metadata host, nothing more provisioned this boot");
            assertThat(r.stderr()).contains("ERROR: no reply from the metadata host");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(root.resolve("root/.ssh/authorized_keys")).doesNotExist();
        }
    }

    @Test
    void aZoneMetadataSocketUnderTheRootCountsAsAHost() throws Exception {
        Path root = Files.createDirectories(dir.resolve("zone"));
        Path sock = Files.createDirectories(root.resolve(".zonecontrol")).resolve("metadata.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(sock));
            ToolProcess.Result r = ToolProcess.run(
                    "triton-guest",
                    Map.of("MDATA_TRANSPORT", "unix:" + sock),
                    null,
                    "--root",
                    root.toString(),
                    "--timeout",
                    "1");
            assertThat(r.out())
                    .contains("SmartOS/Triton host found (zone metadata socket /.zonecontrol/metadata.sock)");
            assertThat(r.exit()).isEqualTo(2); // nobody answers on it here
        }
    }
}
