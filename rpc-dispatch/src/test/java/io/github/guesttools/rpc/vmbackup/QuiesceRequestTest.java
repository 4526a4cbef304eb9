package io.github.guesttools.rpc.vmbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.simulator.QuiesceHost;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class QuiesceRequestTest {
    private static final VmBackupSettings SETTINGS = new VmBackupSettings(
            java.time.Duration.ofSeconds(900),
            java.time.Duration.ofSeconds(60),
            java.time.Duration.ofSeconds(30),
            true,
            "configured");

    @Test
    void startTakesTheManifestFlagAndEverythingElseFromTheSettings() {
        assertThat(QuiesceRequest.parseStart(bytes("1"), SETTINGS))
                .isEqualTo(new QuiesceRequest(true, true, true, "configured", 0));
        assertThat(QuiesceRequest.parseStart(bytes("0 /data /home"), SETTINGS))
                .isEqualTo(new QuiesceRequest(false, true, true, "configured", 0));
    }

    @Test
    void aBareStartIsLikeStartZeroWithScriptsOn() {
        assertThat(QuiesceRequest.parseStart(new byte[0], SETTINGS))
                .isEqualTo(QuiesceRequest.parseStart(bytes("0"), SETTINGS));
    }

    @Test
    void startWithOptsVersion1GoldenBytes() {
        byte[] body = HexFormat.of()
                .parseHex("00000001" + "00000001" + "00000001" + "00000001" + "00000001" + "00000000" + "00000001"
                        + "00000003" + "61726700" // "arg" + 1 byte padding
                        + "0000003c" // 60 s
                        + "00000004" + "75756964"); // "uuid"
        assertThat(QuiesceRequest.decodeWithOpts(body)).isEqualTo(new QuiesceRequest(true, true, true, "arg", 60));
        assertThat(QuiesceHost.paramsV1(true, true, true, "arg", 60, "uuid")).isEqualTo(body);
    }

    @Test
    void fileSystemQuiescingAndScriptsCanBeSwitchedOff() {
        assertThat(QuiesceRequest.decodeWithOpts(QuiesceHost.paramsV1(false, false, false, "", 0, "")))
                .isEqualTo(new QuiesceRequest(false, false, false, "", 0));
    }

    @Test
    void version2IsIncompatibleOnLinux() {
        byte[] body = QuiesceHost.paramsV1(false, true, true, "", 0, "");
        body[3] = 2;
        assertThatThrownBy(() -> QuiesceRequest.decodeWithOpts(body))
                .hasMessage("Incompatible quiesce parameter version");
    }

    @Test
    void malformedBodiesAreRefusedWithTheXdrError() {
        byte[] good = QuiesceHost.paramsV1(false, true, true, "abc", 0, "disk");
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> QuiesceRequest.decodeWithOpts(cut))
                    .as("truncated to %d bytes", n)
                    .hasMessage("XDR deserialization failed.");
        }
        assertThatThrownBy(() -> QuiesceRequest.decodeWithOpts(new byte[4097]))
                .hasMessage("XDR deserialization failed.");
        byte[] hugeLength = good.clone();
        ByteBuffer.wrap(hugeLength).putInt(28, Integer.MAX_VALUE);
        assertThatThrownBy(() -> QuiesceRequest.decodeWithOpts(hugeLength)).hasMessage("XDR deserialization failed.");
        assertThatThrownBy(() ->
                        QuiesceRequest.decodeWithOpts(QuiesceHost.paramsV1(false, true, true, "x".repeat(257), 0, "")))
                .hasMessage("XDR deserialization failed.");
    }

    @Test
    void aScriptArgWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> QuiesceRequest.decodeWithOpts(QuiesceHost.paramsV1(false, true, true, "a\nb", 0, "")))
                .hasMessage("XDR deserialization failed.");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
