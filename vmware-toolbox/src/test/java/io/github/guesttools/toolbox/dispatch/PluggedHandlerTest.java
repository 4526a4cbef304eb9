package io.github.guesttools.toolbox.dispatch;

import static io.github.guesttools.toolbox.vix.TestMessages.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.vix.HgfsPacketRequest;
import io.github.guesttools.toolbox.vix.StartProgramRequest;
import io.github.guesttools.toolbox.vix.TerminateProcessRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The govmomi tclo-req/tclo-rep pairs replayed through handlers plugged in the way the agent will
 * plug the process and HGFS modules; our replies differ from Go's only where documented.
 */
class PluggedHandlerTest {
    private final VixDispatcher vix = VixDispatcher.builder()
            .authenticator((user, password) -> {})
            .users(name -> Optional.of(Account.current()))
            .handle(VixOp.START_PROGRAM, call -> {
                StartProgramRequest r = (StartProgramRequest) call.request();
                assertThat(r.programPath()).isEqualTo("/bin/date");
                return VixReply.ok("4242");
            })
            .handle(VixOp.TERMINATE_PROCESS, call -> {
                throw new VixException(
                        VixError.NO_SUCH_PROCESS, "no pid " + ((TerminateProcessRequest) call.request()).pid());
            })
            .handle(VixOp.HGFS_SEND_PACKET, call -> {
                // Stands in for the HGFS server: answers the DestroySession with the Go reply packet.
                assertThat(call.header().returnsBinary()).isTrue();
                assertThat(((HgfsPacketRequest) call.request()).packet().remaining())
                        .isEqualTo(60);
                byte[] rep = resource("tclo-rep-HgfsSendPacket-DestroySession-stale.bin");
                return VixReply.binary(ByteBuffer.wrap(rep, 8, rep.length - 8));
            })
            .build();

    private byte[] replay(String name) {
        byte[] req = resource("tclo-req-" + name + ".bin");
        return vix.dispatch(Arrays.copyOfRange(req, "Vix_1_Relayed_Command ".length(), req.length));
    }

    @Test
    void startProgramHasOneNulNotTwo() {
        assertThat(replay("StartProgram")).isEqualTo("OK 0 0 4242\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(resource("tclo-rep-StartProgram.bin"))
                .isEqualTo("OK 0 0 4242\0\0".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void terminateUnknownPidHasNoGoErrorText() {
        assertThat(replay("TerminateProcess-nosuch")).isEqualTo("OK 20003 0 \0".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(resource("tclo-rep-TerminateProcess-nosuch.bin"), StandardCharsets.US_ASCII))
                .isEqualTo("OK 20003 0 vix error=20003\0");
    }

    @Test
    void hgfsRelayIsBinary() {
        assertThat(replay("HgfsSendPacket-DestroySession-stale"))
                .isEqualTo(resource("tclo-rep-HgfsSendPacket-DestroySession-stale.bin"));
    }
}
