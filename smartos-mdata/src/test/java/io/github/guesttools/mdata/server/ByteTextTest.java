package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteTextTest {
    @Test
    void validUtf8DecodesNormally() {
        String s = "héllo \uD83D\uDE00 \u0000";
        assertThat(ByteText.decode(s.getBytes(StandardCharsets.UTF_8))).isEqualTo(s);
    }

    @Test
    void everyByteSequenceRoundTrips() {
        Random r = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            assertThat(ByteText.encode(ByteText.decode(b))).isEqualTo(b);
        }
        byte[] tricky = {
            (byte) 0xed,
            (byte) 0xb2,
            (byte) 0x80,
            (byte) 0xc0,
            (byte) 0x80,
            (byte) 0xf4,
            (byte) 0x90,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0xe2,
            (byte) 0x82
        };
        assertThat(ByteText.encode(ByteText.decode(tricky))).isEqualTo(tricky);
    }
}
