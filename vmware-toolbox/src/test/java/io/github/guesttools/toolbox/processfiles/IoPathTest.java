package io.github.guesttools.toolbox.processfiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.process.StdStream;
import org.junit.jupiter.api.Test;

class IoPathTest {
    @Test
    void parsesTheThreeIoNames() {
        assertThat(IoPath.parse("/123/stdin")).contains(new IoPath(123, StdStream.STDIN));
        assertThat(IoPath.parse("/4194304/stdout")).contains(new IoPath(4194304, StdStream.STDOUT));
        assertThat(IoPath.parse("/7/stderr")).contains(new IoPath(7, StdStream.STDERR));
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {
            "/",
            "/123",
            "/123/",
            "/123/status",
            "/123/stdout/x",
            "//stdout",
            "/-1/stdout",
            "/+1/stdout",
            "/1e3/stdout",
            "/1234567890123456789/stdout",
            "123/stdout",
            "/123/STDOUT",
            "/١٢/stdout"
        }) {
            assertThat(IoPath.parse(bad)).as(bad).isEmpty();
        }
    }
}
