package io.github.guesttools.rpc.osinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OsInfoTest {

    static Path fixtures() throws Exception {
        return Path.of(OsInfoTest.class.getResource("/fixtures/root").toURI());
    }

    @Test
    void readsOsReleaseAndKernel() throws Exception {
        OsInfo os = new OsInfoCollector(fixtures(), "amd64").collect();
        assertThat(os.shortName()).isEqualTo("ubuntu-64");
        assertThat(os.fullName()).isEqualTo("Ubuntu 22.04.4 LTS");
        assertThat(os.kernelVersion()).isEqualTo("5.15.0-105-generic");
        assertThat(os.cpeString()).isEqualTo("cpe:/o:canonical:ubuntu_linux:22.04");
        assertThat(OsDetailed.detailString(os))
                .isEqualTo("architecture='X86' bitness='64' "
                        + "cpeString='cpe:/o:canonical:ubuntu_linux:22.04' distroAddlVersion='22.04.4 LTS (Jammy Jellyfish)' "
                        + "distroName='Ubuntu' distroVersion='22.04' familyName='Linux' kernelVersion='5.15.0-105-generic' "
                        + "prettyName='Ubuntu 22.04.4 LTS'");
    }

    @Test
    void guestIdsForOtherDistrosAndArchitectures() throws Exception {
        assertThat(OsInfoCollector.GuestOsId.of("debian", "12", "6.1.0", true)).isEqualTo("debian12-64");
        assertThat(OsInfoCollector.GuestOsId.of("rhel", "9.3", "5.14.0", true)).isEqualTo("rhel9-64");
        assertThat(OsInfoCollector.GuestOsId.of("alpine", "3.19", "6.6.1", false))
                .isEqualTo("other6xlinux");
        assertThat(OsInfoCollector.GuestOsId.of("", "", "5.10.0", true)).isEqualTo("other5xlinux-64");
        OsInfo arm = new OsInfoCollector(Path.of("/nonexistent"), "aarch64").collect();
        assertThat(arm.architecture()).isEqualTo("Arm");
        assertThat(arm.fullName()).isEqualTo("Linux");
    }

    @Test
    void detailedBodyLayout() {
        OsInfo os = new OsInfo(
                "debian12-64",
                "Debian GNU/Linux 12 (bookworm)",
                "X86",
                "64",
                "",
                "Debian GNU/Linux",
                "12",
                "",
                "Linux",
                "6.1.0-18-amd64",
                "Debian GNU/Linux 12 (bookworm)");
        byte[] body = OsDetailed.encode(os);
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(1);
        assertThat(cString(body, 4, 129)).isEqualTo("debian12-64");
        assertThat(cString(body, 133, 513)).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(body[646]).isZero();
        assertThat(body[647]).isZero();
        String detail = new String(body, 648, body.length - 649, StandardCharsets.UTF_8);
        assertThat(detail)
                .isEqualTo(OsDetailed.detailString(os))
                .doesNotContain("cpeString")
                .doesNotContain("buildNumber");
        assertThat(body[body.length - 1]).isZero();
    }

    @Test
    void escapesQuotesAndBackslashesAndBoundsFields() {
        OsInfo os = new OsInfo(
                "x", "y".repeat(600), "X86", "64", "", "it's a \\ name  ", "1", "", "Linux", "k".repeat(2000), "p");
        String detail = OsDetailed.detailString(os);
        assertThat(detail).contains("distroName='it\\'s a \\\\ name'");
        assertThat(detail).contains("kernelVersion='" + "k".repeat(1024) + "'");
        byte[] body = OsDetailed.encode(os);
        assertThat(cString(body, 133, 513)).hasSize(512);
    }

    @Test
    void readsThisMachine() throws Exception {
        OsInfo os = new OsInfoCollector().collect();
        assertThat(os.kernelVersion())
                .isEqualTo(
                        Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        assertThat(os.fullName()).isNotBlank();
        assertThat(os.shortName()).endsWith(System.getProperty("os.arch").contains("64") ? "-64" : "");
        assertThat(OsDetailed.detailString(os)).contains("kernelVersion='" + os.kernelVersion() + "'");
    }

    private static String cString(byte[] b, int off, int size) {
        byte[] field = Arrays.copyOfRange(b, off, off + size);
        int end = 0;
        while (end < size && field[end] != 0) {
            end++;
        }
        for (int i = end; i < size; i++) {
            assertThat(field[i]).as("NUL padding").isZero();
        }
        return new String(field, 0, end, StandardCharsets.UTF_8);
    }
}
