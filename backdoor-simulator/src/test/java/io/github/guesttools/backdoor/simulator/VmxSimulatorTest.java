package io.github.guesttools.backdoor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.channel.ChannelClosedException;
import io.github.guesttools.backdoor.channel.ChannelOptions;
import io.github.guesttools.backdoor.channel.ChannelProtocolException;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.MessageStatus;
import io.github.guesttools.backdoor.channel.MessageType;
import io.github.guesttools.backdoor.channel.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour only observable in-process: recorded registers, host-side faults, default handlers. */
class VmxSimulatorTest {
    private final VmxSimulator vmx = new VmxSimulator();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] rpc(MessageChannel channel, String command) throws Exception {
        channel.send(ascii(command));
        return channel.receive().orElseThrow();
    }

    @Test
    void lowBandwidthSendPacksTheTailLittleEndian() throws Exception {
        vmx.setHighBandwidth(false);
        try (MessageChannel rpci = MessageChannel.open(vmx, Protocol.RPCI)) {
            vmx.clearRecords();
            rpci.send(ascii("abcdefg"));
            List<Integer> chunks = new ArrayList<>();
            for (RecordedCall call : vmx.calls()) {
                if (call.in().ecxHigh() == MessageType.SENDPAYLOAD.code()) {
                    chunks.add(call.in().ebx());
                }
            }
            assertThat(chunks).containsExactly(0x64636261, 0x00676665);
            assertThat(vmx.rpciCommands())
                    .singleElement()
                    .satisfies(r -> assertThat(r.command()).isEqualTo(ascii("abcdefg")));
        }
    }

    @Test
    void highBandwidthCallsCarryTheCookieInTheSpecifiedRegisters() throws Exception {
        try (MessageChannel rpci = MessageChannel.open(vmx, Protocol.RPCI)) {
            Registers opened = vmx.calls().get(0).out();
            rpc(rpci, "info-get guestinfo.none\0");
            RecordedCall out = vmx.calls().stream()
                    .filter(c -> c.kind() == CallKind.HIGH_BANDWIDTH_OUT)
                    .findFirst()
                    .orElseThrow();
            RecordedCall in = vmx.calls().stream()
                    .filter(c -> c.kind() == CallKind.HIGH_BANDWIDTH_IN)
                    .findFirst()
                    .orElseThrow();
            assertThat(out.in().edi()).isEqualTo(opened.edi());
            assertThat(out.in().ebp()).isEqualTo(opened.esi());
            assertThat(out.in().ebx()).isEqualTo(0x00010000);
            assertThat(out.in().edx()).isEqualTo(rpci.id() << 16 | Backdoor.HB_PORT);
            assertThat(in.in().esi()).isEqualTo(opened.esi());
            assertThat(in.in().ebp()).isEqualTo(opened.edi());
            assertThat(in.out().ebxHigh()).isEqualTo(MessageStatus.SUCCESS);
        }
    }

    @Test
    void highBandwidthCanBeSwitchedPerChannel() throws Exception {
        try (MessageChannel fast = MessageChannel.open(vmx, Protocol.RPCI);
                MessageChannel slow = MessageChannel.open(vmx, Protocol.RPCI)) {
            vmx.setHighBandwidth(slow.id(), false);
            assertThat(rpc(fast, "log fast\0")).isEqualTo(ascii("1 "));
            assertThat(fast.isHighBandwidth()).isTrue();
            assertThat(rpc(slow, "log slow\0")).isEqualTo(ascii("1 "));
            assertThat(slow.isHighBandwidth()).isFalse();
            vmx.setHighBandwidth(false);
            vmx.setHighBandwidth(slow.id(), true);
            assertThat(rpc(fast, "log fast\0")).isEqualTo(ascii("1 "));
            assertThat(fast.isHighBandwidth()).isFalse();
            assertThat(rpc(slow, "log slow\0")).isEqualTo(ascii("1 "));
            assertThat(slow.isHighBandwidth()).isTrue();
        }
        assertThatThrownBy(() -> vmx.setHighBandwidth(5, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultRpciHandlersKeepState() throws Exception {
        try (MessageChannel rpci = MessageChannel.open(vmx, Protocol.RPCI)) {
            assertThat(rpc(rpci, "tools.set.version 2147483647\0")).isEqualTo(ascii("1 "));
            assertThat(rpc(rpci, "tools.capability.statechange ")).isEqualTo(ascii("1 "));
            assertThat(rpc(rpci, "tools.capability.hgfs_server toolbox 1\0")).isEqualTo(ascii("1 "));
            assertThat(rpc(rpci, "log hello world\0")).isEqualTo(ascii("1 "));
            assertThat(rpc(rpci, "SetGuestInfo  7 4242\0")).isEqualTo(ascii("1 "));
            assertThat(rpc(rpci, "SetGuestInfo  x\0")).startsWith(ascii("0 "));
            assertThat(rpc(rpci, "no.such.command\0")).isEqualTo(ascii("0 Unknown command"));
        }
        assertThat(vmx.rpci().toolsVersion()).hasValue("2147483647");
        assertThat(vmx.rpci().capabilities())
                .containsEntry("statechange", "")
                .containsEntry("hgfs_server", "toolbox 1");
        assertThat(vmx.rpci().log()).containsExactly("hello world");
        assertThat(vmx.rpci().setGuestInfo(7))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(ascii("4242\0")));
        assertThat(vmx.rpciCommands()).hasSize(7);
    }

    @Test
    void customRpciHandlerReplacesTheDefault() throws Exception {
        vmx.rpci().register("info-get", c -> RpciHandler.ok("custom " + c.text()));
        try (MessageChannel rpci = MessageChannel.open(vmx, Protocol.RPCI)) {
            assertThat(rpc(rpci, "info-get guestinfo.x\0")).isEqualTo(ascii("1 custom guestinfo.x"));
        }
    }

    @Test
    void throwingHandlerBecomesAnErrorReply() throws Exception {
        vmx.rpci().register("boom", c -> {
            throw new IllegalStateException("bang");
        });
        try (MessageChannel rpci = MessageChannel.open(vmx, Protocol.RPCI)) {
            assertThat(new String(rpc(rpci, "boom\0"), StandardCharsets.ISO_8859_1))
                    .startsWith("0 handler failed")
                    .contains("bang");
            assertThat(rpc(rpci, "log still fine\0")).isEqualTo(ascii("1 "));
        }
    }

    @Test
    void hostClosedChannelAndPowerOffAreChannelClosed() throws Exception {
        MessageChannel rpci = MessageChannel.open(vmx, Protocol.RPCI);
        vmx.closeChannel(rpci.id());
        assertThatThrownBy(() -> rpci.send(ascii("log x\0")))
                .isInstanceOf(ChannelClosedException.class)
                .satisfies(
                        e -> assertThat(((ChannelClosedException) e).status()).isEqualTo(MessageStatus.CLOSED));
        try (MessageChannel other = MessageChannel.open(vmx, Protocol.RPCI)) {
            vmx.powerOff();
            assertThatThrownBy(() -> other.send(ascii("log x\0")))
                    .isInstanceOf(ChannelClosedException.class)
                    .satisfies(e ->
                            assertThat(((ChannelClosedException) e).status()).isEqualTo(MessageStatus.POWEROFF));
            assertThatThrownBy(() -> MessageChannel.open(vmx, Protocol.RPCI))
                    .isInstanceOf(ChannelProtocolException.class);
            vmx.powerOn();
            assertThat(rpc(other, "log x\0")).isEqualTo(ascii("1 "));
        }
    }

    @Test
    void holdsAtMost128Channels() throws Exception {
        List<MessageChannel> open = new ArrayList<>();
        for (int i = 0; i < VmxSimulator.MAX_CHANNELS; i++) {
            open.add(MessageChannel.open(vmx, Protocol.RPCI));
        }
        assertThat(open).extracting(MessageChannel::id).doesNotHaveDuplicates();
        assertThatThrownBy(() -> MessageChannel.open(vmx, Protocol.RPCI)).isInstanceOf(ChannelProtocolException.class);
        open.remove(0).close();
        open.add(MessageChannel.open(vmx, Protocol.RPCI));
        assertThat(vmx.openChannels()).isEqualTo(128);
        for (MessageChannel c : open) {
            c.close();
        }
        assertThat(vmx.openChannels()).isZero();
    }

    @Test
    void closingTcloBeforeReplyingFailsTheRequest() throws Exception {
        CompletableFuture<byte[]> reply = vmx.submitTclo(ascii("ping"));
        try (MessageChannel tclo = MessageChannel.open(vmx, Protocol.TCLO)) {
            tclo.send(new byte[0]);
            assertThat(tclo.receive()).isPresent();
        }
        assertThat(reply).failsWithin(10, TimeUnit.SECONDS);
    }

    @Test
    void checkpointStormIsBounded() throws Exception {
        for (int i = 0; i < 10; i++) {
            vmx.injectCheckpoint(TransferStep.SEND_SIZE);
        }
        try (MessageChannel rpci =
                MessageChannel.open(vmx, Protocol.RPCI, ChannelOptions.DEFAULTS.withMaxRestarts(3))) {
            assertThatThrownBy(() -> rpci.send(ascii("log x\0"))).isInstanceOf(ChannelProtocolException.class);
        }
    }

    @Test
    void unsupportedCommandsAndBadMagicAnswerAllOnes() {
        Registers out = vmx.lowBandwidth(new Registers(Backdoor.MAGIC, 0, 99, Backdoor.LB_PORT, 0, 0, 0));
        assertThat(out.eax()).isEqualTo(-1);
        out = vmx.lowBandwidth(new Registers(0x1234, 0, Backdoor.CMD_GETVERSION, Backdoor.LB_PORT, 0, 0, 0));
        assertThat(out.eax()).isEqualTo(-1);
    }
}
