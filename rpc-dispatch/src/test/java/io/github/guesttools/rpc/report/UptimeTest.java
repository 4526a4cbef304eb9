package io.github.guesttools.rpc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UptimeTest {

    @Test
    void readsHundredthsOfASecond(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/uptime"), "12345.67 400.00\n");
        assertThat(GuestInfoReporter.readUptime(root)).isEqualTo(1234567L);
        Files.writeString(root.resolve("proc/uptime"), "garbage\n");
        assertThatThrownBy(() -> GuestInfoReporter.readUptime(root)).isInstanceOf(IOException.class);
    }

    @Test
    void readsThisMachine() throws Exception {
        assertThat(GuestInfoReporter.readUptime(Path.of("/"))).isPositive();
    }
}
