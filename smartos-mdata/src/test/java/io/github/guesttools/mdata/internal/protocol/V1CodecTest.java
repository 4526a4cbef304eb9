package io.github.guesttools.mdata.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.vectors.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class V1CodecTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> dataLines(byte[] reply) {
        LineBuffer lb = new LineBuffer(1024);
        lb.append(reply, 0, reply.length);
        assertThat(new String(lb.nextLine(), StandardCharsets.US_ASCII)).isEqualTo("SUCCESS");
        List<byte[]> lines = new ArrayList<>();
        for (byte[] l = lb.nextLine(); !V1Codec.isTerminator(l); l = lb.nextLine()) {
            lines.add(l);
        }
        assertThat(lb.nextLine()).isNull();
        return lines;
    }

    @Test
    void stuffsLikeTheRecordedHostAndUnstuffsBack() throws Exception {
        byte[] recorded = Exchange.named("v1-get-dotstuffed").steps().get(1).data();
        byte[] value = ascii("line1\n.dotline\n\nline4");
        assertThat(V1Codec.encodeSuccess(value)).isEqualTo(recorded);
        assertThat(V1Codec.decodeData(dataLines(recorded))).isEqualTo(value);
    }

    @Test
    void keysReplyMatchesTheVector() throws Exception {
        byte[] recorded = Exchange.named("v1-keys").steps().get(1).data();
        assertThat(V1Codec.encodeSuccess(ascii("user-script\nfoo\nmulti\nroot_pw")))
                .isEqualTo(recorded);
    }

    @Test
    void keepsLeadingEmptyLinesTrailingNewlineAndLoneDots() {
        for (String v : new String[] {"\n\nfoo", "a\n", "", "\n", ".", "..\n.", "a\r\nb\r"}) {
            byte[] value = ascii(v);
            assertThat(V1Codec.decodeData(dataLines(V1Codec.encodeSuccess(value))))
                    .as("value %s", v.replace("\n", "\\n"))
                    .isEqualTo(value);
        }
    }
}
