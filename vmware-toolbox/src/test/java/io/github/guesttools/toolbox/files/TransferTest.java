package io.github.guesttools.toolbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TransferTest extends AgentUserFileTest {
    @Test
    void fromGuestPlainFile() throws Exception {
        Path f = Files.write(dir.resolve("data.bin"), new byte[12345]);
        String reply = vix.fromGuest(f.toString());
        assertThat(reply)
                .startsWith("OK 0 0 <fxi><Name>" + f + "</Name><ft>0</ft><fs>12345</fs>")
                .contains("<perm>" + (int) Files.getAttribute(f, "unix:mode") + "</perm>")
                .endsWith("</fxi>\0");
        assertThat(vix.fromGuest(dir.resolve("missing").toString())).isEqualTo("OK 4 2 \0");
        Path link = Files.createSymbolicLink(dir.resolve("link"), f);
        assertThat(vix.fromGuest(link.toString())).isEqualTo("OK 3 0 \0");
    }

    @Test
    void fromGuestProcFilesReportTheTrickSize() {
        assertThat(vix.fromGuest("/proc/uptime")).contains("<fs>63488</fs>");
    }

    @Test
    void fromGuestDirectoriesAreArchives() throws Exception {
        String reply = vix.fromGuest(dir.toString());
        assertThat(reply)
                .startsWith("OK 0 0 <fxi><Name>" + dir + "</Name><ft>0</ft><fs>9223372036854775807</fs>")
                .contains("<perm>33152</perm>");
        assertThat(vix.fromGuest("/archive:" + dir + "?format=tgz&prefix=x%2F"))
                .contains("<fs>9223372036854775807</fs>");
        assertThat(vix.fromGuest("/archive:" + dir + "?format=zip")).isEqualTo("OK 3 0 \0");
        assertThat(vix.fromGuest("/archive:" + dir.resolve("missing"))).isEqualTo("OK 4 2 \0");
        FileOpsClient noArchives = FileOpsClient.asAgentUser(dir, false);
        assertThat(noArchives.fromGuest(dir.toString())).isEqualTo("OK 20001 21 \0");
    }

    @Test
    void toGuestChecks() throws Exception {
        Path existing = Files.writeString(dir.resolve("existing"), "x");
        assertThat(vix.toGuest(dir.resolve("new").toString(), false)).isEqualTo("OK 0 0 \0");
        assertThat(dir.resolve("new")).as("validation only").doesNotExist();
        assertThat(vix.toGuest(existing.toString(), false)).isEqualTo("OK 12 17 \0");
        assertThat(vix.toGuest(existing.toString(), true)).isEqualTo("OK 0 0 \0");
        Path link = Files.createSymbolicLink(dir.resolve("link"), existing);
        assertThat(vix.toGuest(link.toString(), true)).isEqualTo("OK 3 0 \0");
        assertThat(vix.toGuest(dir.resolve("no/such/parent").toString(), true)).isEqualTo("OK 22 2 \0");
        // A directory is an archive upload: like any existing target it needs overwrite.
        assertThat(vix.toGuest(dir.toString(), false)).isEqualTo("OK 12 17 \0");
        assertThat(vix.toGuest(dir.toString(), true)).isEqualTo("OK 0 0 \0");
        assertThat(vix.toGuest("/archive:" + dir.resolve("fresh") + "?format=tgz", false))
                .isEqualTo("OK 0 0 \0");
        FileOpsClient noArchives = FileOpsClient.asAgentUser(dir, false);
        assertThat(noArchives.toGuest(dir.toString(), true)).isEqualTo("OK 20001 21 \0");
    }
}
