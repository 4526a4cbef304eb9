package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {
    @Test
    void parsesItemsAndSubstitutesVariables() {
        Layout layout = Layout.parse("""
                # comment
                file  linux/install.sh  0755  ${m}/install.sh

                link  usr/sbin/x  -  /opt/x
                """, Map.of("m", "/src"));
        assertThat(layout.items())
                .containsExactly(
                        new Layout.Item(Layout.Kind.FILE, "linux/install.sh", 0755, "/src/install.sh", 2),
                        new Layout.Item(Layout.Kind.LINK, "usr/sbin/x", -1, "/opt/x", 4));
    }

    @Test
    void refusesUnknownVariablesKindsAndMalformedLines() {
        assertThatThrownBy(() -> Layout.parse("file a 0644 ${nope}/x", Map.of()))
                .hasMessageContaining("line 1")
                .hasMessageContaining("${nope}");
        assertThatThrownBy(() -> Layout.parse("\ncopy a 0644 b", Map.of()))
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown kind 'copy'");
        assertThatThrownBy(() -> Layout.parse("file a 0644", Map.of()))
                .hasMessageContaining("kind image-path mode source");
        assertThatThrownBy(() -> Layout.parse("file a - b", Map.of())).hasMessageContaining("needs a mode");
        assertThatThrownBy(() -> Layout.parse("link a 0755 b", Map.of())).hasMessageContaining("takes no mode");
        assertThatThrownBy(() -> Layout.parse("file ../a 0644 b", Map.of())).hasMessageContaining("bad image path");
    }

    @Test
    void stagingReportsTheLayoutLineOfAMissingSource(@TempDir Path tmp) {
        Layout layout = Layout.parse("file a/b 0644 " + tmp.resolve("missing"), Map.of());
        assertThatThrownBy(() -> Stager.stage(layout, tmp.resolve("out")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("layout line 1")
                .hasMessageContaining("a/b");
    }

    @Test
    void stagingRefusesTwoItemsForOnePath(@TempDir Path tmp) throws IOException {
        Path source = Files.writeString(tmp.resolve("s"), "x");
        Layout layout = Layout.parse("file a 0644 " + source + "\nfile a 0644 " + source, Map.of());
        assertThatThrownBy(() -> Stager.stage(layout, tmp.resolve("out"))).hasMessageContaining("layout line 2");
    }
}
