package io.github.guesttools.mdata.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.mdata.vectors.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class V2FrameCodecTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static V2Frame decodeLine(byte[] lineWithLf) throws FrameException {
        return V2FrameCodec.decode(lineWithLf, 0, lineWithLf.length - 1);
    }

    /** Every V2 frame of the vectors, both directions. */
    private static List<byte[]> allFrames() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (Exchange e : Exchange.all()) {
            for (Exchange.Step s : e.steps()) {
                if (V2FrameCodec.startsFrame(s.data(), 0, s.data().length)) {
                    frames.add(s.data());
                }
            }
        }
        return frames;
    }

    @Test
    void decodeThenEncodeReproducesEveryRecordedFrameByteForByte() throws Exception {
        List<byte[]> frames = allFrames();
        assertThat(frames).hasSize(16);
        for (byte[] frame : frames) {
            V2Frame decoded = decodeLine(frame);
            assertThat(V2FrameCodec.encode(decoded))
                    .as(new String(frame, StandardCharsets.US_ASCII))
                    .isEqualTo(frame);
        }
    }

    @Test
    void hostDecoderAcceptsEveryRecordedClientFrame() throws Exception {
        for (Exchange e : Exchange.all()) {
            for (Exchange.Step s : e.steps()) {
                if (s.clientToHost() && V2FrameCodec.startsFrame(s.data(), 0, s.data().length)) {
                    String line = new String(s.data(), StandardCharsets.ISO_8859_1);
                    V2Frame host = V2FrameCodec.decodeRequest(line.substring(0, line.length() - 1));
                    assertThat(host).isEqualTo(decodeLine(s.data()));
                }
            }
        }
    }

    @Test
    void buildsTheRecordedClientRequestsFromTheirMeaning() throws Exception {
        assertThat(V2FrameCodec.encode(V2Frame.of("ae155867", "GET", ascii("foo"))))
                .isEqualTo(Exchange.named("v2-get-success").steps().get(0).data());
        assertThat(V2FrameCodec.encode(V2Frame.of("fe88a069", "DELETE", ascii("newkey"))))
                .isEqualTo(Exchange.named("v2-delete").steps().get(0).data());
        byte[] put = PutPayload.encode(ascii("newkey"), ascii("hello world"));
        assertThat(V2FrameCodec.encode(V2Frame.of("8eed96ac", "PUT", put)))
                .isEqualTo(Exchange.named("v2-put-argv").steps().get(0).data());
    }

    @Test
    void emptyPayloadMeansNoTrailingSpace() {
        assertThat(new String(
                        V2FrameCodec.encode(V2Frame.of("765008c7", "SUCCESS", new byte[0])), StandardCharsets.US_ASCII))
                .isEqualTo("V2 16 e45456a3 765008c7 SUCCESS\n");
    }

    @Test
    void clientDecoderToleratesCrAndUpperCaseCrc() throws Exception {
        V2Frame f = decodeLine(ascii("V2 21 81D822F7 ae155867 SUCCESS YmFy\r\n"));
        assertThat(f.payloadBytes()).isEqualTo(ascii("bar"));
    }

    @Test
    void clientDecoderAcceptsCrcValueZero() throws Exception {
        String body = ZeroCrcBody.find("0a1b2c3d SUCCESS ");
        byte[] bodyBytes = ascii(body);
        assertThat(Crc32Hex.value(bodyBytes, 0, bodyBytes.length)).isZero();
        V2Frame f = decodeLine(ascii("V2 " + body.length() + " 00000000 " + body + "\n"));
        assertThat(f.requestId()).isEqualTo("0a1b2c3d");
        assertThat(V2FrameCodec.encode(f)).isEqualTo(ascii("V2 57 00000000 " + body + "\n"));
    }

    @Test
    void rejectsWrongLengthAndChecksumWithTheRequestId() {
        assertThatThrownBy(() -> decodeLine(ascii("V2 22 81d822f7 ae155867 SUCCESS YmFy\n")))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("length")
                .extracting(t -> ((FrameException) t).requestId())
                .isEqualTo("ae155867");
        assertThatThrownBy(() -> decodeLine(ascii("V2 21 81d822f8 ae155867 SUCCESS YmFy\n")))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> decodeLine(ascii("V2 21\n"))).isInstanceOf(FrameException.class);
        assertThatThrownBy(() -> decodeLine(ascii("V2 x y z\n"))).isInstanceOf(FrameException.class);
        assertThatThrownBy(() -> decodeLine(ascii("invalid command\n"))).isInstanceOf(FrameException.class);
    }

    @Test
    void hostDecoderFollowsAgentJsRules() {
        // Upper-case CRC: a real host rejects it (compared as text).
        assertThatThrownBy(() -> V2FrameCodec.decodeRequest("V2 17 D407F333 ae155867 GET Zm9v"))
                .isInstanceOf(FrameException.class);
        // Extra space between reqid and code breaks the rebuilt body length.
        String twoSpaces = "ae155867  GET Zm9v";
        String crc = Crc32Hex.of(ascii(twoSpaces));
        assertThatThrownBy(() -> V2FrameCodec.decodeRequest("V2 18 " + crc + " " + twoSpaces))
                .isInstanceOf(FrameException.class)
                .extracting(t -> ((FrameException) t).requestId())
                .isEqualTo("ae155867");
        // Trailing CR and spaces are trimmed by the host.
        assertThat(catchFrame("V2 17 d407f333 ae155867 GET Zm9v\r  ").code()).isEqualTo("GET");
    }

    /**
     * The host's frame pattern finds exactly what agent.js's pattern, searched as written, finds
     * (its groups), on 200,000 lines of the characters that matter (digits, hex letters, other
     * letters, blanks, line terminators `.` does not cross), with a fixed seed.
     */
    @Test
    void theLinearFramePatternFindsWhatAgentJsPatternFinds() {
        java.util.regex.Pattern agentJs =
                java.util.regex.Pattern.compile("\\s*([0-9]+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+(.*)");
        char[] alphabet = {'0', '1', '9', 'a', 'f', 'g', 'X', ' ', ' ', '\t', '\r', '\u0085', '\u000b', '-'};
        java.util.Random random = new java.util.Random(20261205);
        for (int i = 0; i < 200_000; i++) {
            char[] line = new char[random.nextInt(24)];
            for (int j = 0; j < line.length; j++) {
                line[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String text = new String(line);
            java.util.regex.Matcher expected = agentJs.matcher(text);
            java.util.regex.Matcher actual = V2FrameCodec.HostPatterns.FRAME.matcher(text);
            boolean found = expected.find();
            assertThat(actual.find()).as("found in [%s]", text).isEqualTo(found);
            if (found) {
                for (int g = 1; g <= 4; g++) {
                    assertThat(actual.group(g)).as("group %d of [%s]", g, text).isEqualTo(expected.group(g));
                }
            }
        }
    }

    /**
     * A hostile guest's line of digits (or of blanks before one, or of hex tokens) is refused in
     * linear time; agent.js's pattern searched as written took 12 s for 40 kB and hours for the
     * 1 MB a request line may hold. The bound below only guards against a hang.
     */
    @Test
    void aMegabyteOfDigitsIsRefusedWithoutAHang() {
        String digits = "V2 " + "7".repeat(1 << 20);
        String blanks = "V2" + " ".repeat(1 << 20) + "1 " + "a".repeat(1 << 20) + "!";
        String tokens = "V2 " + "1 a1".repeat(1 << 18);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
            for (String line : List.of(digits, blanks, tokens)) {
                assertThatThrownBy(() -> V2FrameCodec.decodeRequest(line)).isInstanceOf(FrameException.class);
            }
        });
    }

    private static V2Frame catchFrame(String line) {
        try {
            return V2FrameCodec.decodeRequest(line);
        } catch (FrameException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void putPayloadIsDoubleEncoded() throws Exception {
        byte[] payload = PutPayload.encode(ascii("newkey"), ascii("hello world"));
        assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("bmV3a2V5 aGVsbG8gd29ybGQ=");
        PutPayload.Decoded d = PutPayload.decode(payload);
        assertThat(d.key()).isEqualTo(ascii("newkey"));
        assertThat(d.value()).isEqualTo(ascii("hello world"));
        assertThatThrownBy(() -> PutPayload.decode(ascii("a2V5 "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PutPayload.decode(ascii("a2V5  dg=="))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.equals(PutPayload.encode(ascii("k"), new byte[] {0, '\r', '\n'}), ascii("aw== AA0K")))
                .isTrue();
    }
}
