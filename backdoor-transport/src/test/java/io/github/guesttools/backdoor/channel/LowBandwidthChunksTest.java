package io.github.guesttools.backdoor.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LowBandwidthChunksTest {

    private static int[] chunks(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int[] out = new int[LowBandwidthChunks.count(b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = LowBandwidthChunks.pack(b, 4 * i, b.length);
        }
        return out;
    }

    @Test
    void packsLittleEndianWithZeroExtendedTail() {
        assertThat(chunks("abcd")).containsExactly(0x64636261);
        assertThat(chunks("abcdefg")).containsExactly(0x64636261, 0x00676665);
        assertThat(chunks("ab")).containsExactly(0x00006261);
        assertThat(chunks("a")).containsExactly(0x00000061);
        assertThat(chunks("")).isEmpty();
    }

    @Test
    void unpacksOnlyTheTailBytes() {
        byte[] out = {9, 9, 9, 9, 9};
        LowBandwidthChunks.unpack(0x44332211, out, 4, 5);
        assertThat(out).containsExactly(9, 9, 9, 9, 0x11);
        LowBandwidthChunks.unpack(0x44332211, out, 0, 4);
        assertThat(out).containsExactly(0x11, 0x22, 0x33, 0x44, 0x11);
    }
}
