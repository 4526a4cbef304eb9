package io.github.guesttools.backdoor.simulator.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextEscapesTest {
    @Test
    void roundTripsEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = TextEscapes.escape(all);
        assertThat(text).doesNotContain("\n").doesNotContain("\r");
        assertThat(TextEscapes.unescape(text)).isEqualTo(all);
        assertThat(TextEscapes.escape("OK a\\b\0".getBytes())).isEqualTo("OK a\\\\b\\0");
    }

    @Test
    void rejectsBrokenEscapes() {
        assertThatThrownBy(() -> TextEscapes.unescape("abc\\")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextEscapes.unescape("\\x4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextEscapes.unescape("\\xzz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextEscapes.unescape("\\q")).isInstanceOf(IllegalArgumentException.class);
    }
}
