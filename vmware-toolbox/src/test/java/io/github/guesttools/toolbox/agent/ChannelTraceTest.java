package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixRequestEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChannelTraceTest {
    private static final byte[] COMMAND = "Vix_1_Relayed_Command ".getBytes(StandardCharsets.US_ASCII);

    private static byte[] request(byte[] args) {
        byte[] m = Arrays.copyOf(COMMAND, COMMAND.length + args.length);
        System.arraycopy(args, 0, m, COMMAND.length, args.length);
        return m;
    }

    @Test
    void credentialBlockIsBlankedAndTheRestKept() {
        byte[] credential = VixRequestEncoder.namePassword("alice", "s3cret-pass");
        byte[] body = VixRequestEncoder.listFilesBody("/tmp", null, 0, 10, 0);
        byte[] message = request(VixRequestEncoder.relayed(VixOp.LIST_FILES, body, credential, 1, 0));
        byte[] redacted = ChannelTrace.redacted(message);
        String text = new String(redacted, StandardCharsets.ISO_8859_1);
        String b64 = new String(credential, 8, credential.length - 9, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(b64.substring(0, 8)).contains("/tmp").contains("****");
        assertThat(redacted.length).isEqualTo(message.length);
        assertThat(ChannelTrace.dump(message)).doesNotContain("s3cret");
    }

    @Test
    void undecodableVixRequestIsCutAfterTheCommandName() {
        byte[] message = request("\"req\"\0garbage with password s3cret".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ChannelTrace.redacted(message)).isEqualTo(COMMAND);
    }

    @Test
    void otherMessagesAreDumpedWhole() {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        assertThat(ChannelTrace.redacted(ping)).isEqualTo(ping);
        assertThat(ChannelTrace.dump(ping)).startsWith("0000  70 69 6e 67").contains("ping");
    }
}
