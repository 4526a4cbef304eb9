package io.github.guesttools.mdata.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineBufferTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String next(LineBuffer lb) {
        byte[] l = lb.nextLine();
        return l == null ? null : new String(l, StandardCharsets.ISO_8859_1);
    }

    @Test
    void splitsOnlyOnLfAndKeepsCr() {
        LineBuffer lb = new LineBuffer(1024);
        byte[] in = ascii("a\r\nb");
        lb.append(in, 0, in.length);
        assertThat(next(lb)).isEqualTo("a\r");
        assertThat(next(lb)).isNull();
        lb.append(ascii("c\n\n"), 0, 3);
        assertThat(next(lb)).isEqualTo("bc");
        assertThat(next(lb)).isEqualTo("");
        assertThat(next(lb)).isNull();
    }

    @Test
    void overlongLineIsCutToItsPrefixWithoutGrowingTheBuffer() {
        LineBuffer lb = new LineBuffer(200);
        byte[] chunk = ascii("x".repeat(100));
        lb.append(ascii("V2 1"), 0, 4);
        for (int i = 0; i < 10_000; i++) {
            lb.append(chunk, 0, chunk.length);
            assertThat(lb.nextLine()).isNull();
        }
        lb.append(ascii("y\nok\n"), 0, 5);
        assertThat(next(lb)).startsWith("V2 1xxx").hasSize(LineBuffer.OVERSIZE_PREFIX);
        assertThat(lb.lastLineTruncated()).isTrue();
        assertThat(next(lb)).isEqualTo("ok");
        assertThat(lb.lastLineTruncated()).isFalse();
    }

    @Test
    void overlongLineArrivingInOneChunk() {
        LineBuffer lb = new LineBuffer(200);
        byte[] in = ascii("z".repeat(500) + "\nnext\n");
        lb.append(in, 0, in.length);
        assertThat(next(lb)).hasSize(LineBuffer.OVERSIZE_PREFIX);
        assertThat(lb.lastLineTruncated()).isTrue();
        assertThat(next(lb)).isEqualTo("next");
    }
}
