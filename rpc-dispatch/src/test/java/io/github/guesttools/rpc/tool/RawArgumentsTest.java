package io.github.guesttools.rpc.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawArgumentsTest {
    private static byte[] cmdline(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theTailOfTheCommandLineIsTheArgumentsAsTyped() {
        // "héllo" typed in a Latin-1 terminal (0xE9), decoded under LANG=C as "h?llo".
        byte[] latin1 = {'h', (byte) 0xe9, 'l', 'l', 'o'};
        byte[] utf8 = "info-set guestinfo.u héllo ✓".getBytes(StandardCharsets.UTF_8);
        byte[] line = cmdline(
                ascii("java"),
                ascii("-Xshare:auto"),
                ascii("-cp"),
                ascii("lib/*"),
                ascii("Main"),
                ascii("--backdoor"),
                ascii("unix:/s"),
                utf8,
                latin1);
        List<byte[]> raw = RawArguments.fromCmdline(
                line, new String[] {"--backdoor", "unix:/s", "info-set guestinfo.u h??llo ???", "h?llo"});
        assertThat(raw).containsExactly(ascii("--backdoor"), ascii("unix:/s"), utf8, latin1);
    }

    @Test
    void aCommandLineThatIsNotTheseArgumentsIsNotUsed() {
        byte[] line = cmdline(ascii("java"), ascii("Main"), ascii("a"), ascii("b"));
        assertThat(RawArguments.fromCmdline(line, new String[] {"a", "c"})).isNull();
        assertThat(RawArguments.fromCmdline(line, new String[] {"x", "java", "Main", "a", "b"}))
                .isNull();
        assertThat(RawArguments.fromCmdline(line, new String[0])).isEmpty();
    }

    @Test
    void inThisJvmTheArgumentsFallBackToTheirEncoding() {
        // This test JVM's command line does not end with these arguments.
        String[] args = {"no-such-argument-" + System.nanoTime(), "é"};
        assertThat(RawArguments.of(args)).containsExactlyElementsOf(RawArguments.encoded(args));
    }
}
