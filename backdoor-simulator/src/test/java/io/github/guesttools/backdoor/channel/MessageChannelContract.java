package io.github.guesttools.backdoor.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.simulator.TransferStep;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The message-channel suite, run against a simulator wherever it lives (same thread, bridge to
 * another thread, bridge to another process). Subclasses supply the guest's backdoor and the
 * host's controls.
 */
public abstract class MessageChannelContract {

    private static final long WAIT_SECONDS = 60;

    /** The guest side. */
    protected abstract Backdoor backdoor() throws Exception;

    /** The host side. */
    protected abstract HostControl host() throws Exception;

    @BeforeEach
    void resetHost() throws Exception {
        host().reset();
    }

    static Stream<Arguments> lengthsAndModes() {
        int[] lengths = IntStream.concat(
                        IntStream.concat(IntStream.rangeClosed(0, 9), IntStream.rangeClosed(4093, 4099)),
                        IntStream.of(65535, 65536))
                .toArray();
        List<Arguments> args = new ArrayList<>();
        for (boolean hb : new boolean[] {false, true}) {
            for (int n : lengths) {
                args.add(Arguments.of(n, hb));
            }
        }
        return args.stream();
    }

    static byte[] payload(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed * 31 + length).nextBytes(b);
        if (length > 0) {
            b[0] = 0; // NUL and 0xFF bytes must survive at both ends
            b[length - 1] = (byte) 0xFF;
        }
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} bytes, high bandwidth {1}")
    @MethodSource("lengthsAndModes")
    void carriesEveryLengthBothWays(int length, boolean highBandwidth) throws Exception {
        host().setHighBandwidth(highBandwidth);
        byte[] request = payload(length, 1);
        byte[] reply = payload(length, 2);
        try (MessageChannel tclo = MessageChannel.open(backdoor(), Protocol.TCLO)) {
            CompletableFuture<byte[]> answer = host().submitTclo(request);
            tclo.send(new byte[0]); // "alive": the host now offers its request
            assertThat(tclo.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(request));
            assertThat(tclo.isHighBandwidth()).isEqualTo(highBandwidth && length > 0);
            tclo.send(reply);
            assertThat(answer.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(reply);
            assertThat(tclo.isHighBandwidth()).isEqualTo(highBandwidth && length > 0);
        }
    }

    @Test
    void refusesGuestToHostMessageOver64KiBBeforeSendingAnything() throws Exception {
        try (MessageChannel rpci = MessageChannel.open(backdoor(), Protocol.RPCI)) {
            int before = host().callCount();
            assertThatThrownBy(() -> rpci.send(new byte[65537]))
                    .isInstanceOf(MessageTooLargeException.class)
                    .satisfies(e ->
                            assertThat(((MessageTooLargeException) e).size()).isEqualTo(65537));
            assertThat(host().callCount()).isEqualTo(before);
            rpci.send(ascii("info-get guestinfo.none\0")); // the channel still works
            assertThat(rpci.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("0 No value found")));
        }
    }

    @Test
    void rpciSetThenGet() throws Exception {
        try (MessageChannel rpci = MessageChannel.open(backdoor(), Protocol.RPCI)) {
            assertThat(rpci.hasCookie()).isTrue();
            rpci.send(ascii("info-set guestinfo.color blue\0"));
            assertThat(rpci.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 ")));
            rpci.send(ascii("info-get guestinfo.color\0"));
            assertThat(rpci.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 blue")));
            rpci.send(ascii("info-set vmx.secret x\0"));
            assertThat(rpci.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("0 Permission denied")));
            assertThat(rpci.receive()).isEmpty(); // nothing more pending: "no message"
        }
    }

    @Test
    void distinguishesNoMessageFromEmptyMessage() throws Exception {
        try (MessageChannel tclo = MessageChannel.open(backdoor(), Protocol.TCLO)) {
            tclo.send(new byte[0]);
            assertThat(tclo.receive()).isEmpty();
            CompletableFuture<byte[]> answer = host().submitTclo(new byte[0]);
            tclo.send(new byte[0]);
            assertThat(tclo.receive()).hasValueSatisfying(m -> assertThat(m).isEmpty());
            tclo.send(ascii("OK "));
            assertThat(answer.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ascii("OK "));
        }
    }

    @Test
    void tcloRequestWaitsForTheGuestToSendFirst() throws Exception {
        try (MessageChannel tclo = MessageChannel.open(backdoor(), Protocol.TCLO)) {
            CompletableFuture<byte[]> first = host().submitTclo(ascii("ping"));
            CompletableFuture<byte[]> second = host().submitTclo(ascii("reset"));
            assertThat(tclo.receive()).isEmpty(); // no send yet: the host stays silent
            tclo.send(new byte[0]);
            assertThat(tclo.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("ping")));
            assertThat(tclo.receive()).isEmpty(); // the reply is due before the next request
            tclo.send(ascii("OK "));
            assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ascii("OK "));
            assertThat(second).isNotDone();
            assertThat(tclo.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("reset")));
            tclo.send(ascii("OK ATR toolbox"));
            assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ascii("OK ATR toolbox"));
        }
    }

    @Test
    void refusesAbsurdHostMessageAndKeepsWorking() throws Exception {
        ChannelOptions small = ChannelOptions.DEFAULTS.withMaxReceiveSize(100);
        try (MessageChannel tclo = MessageChannel.open(backdoor(), Protocol.TCLO, small)) {
            CompletableFuture<byte[]> big = host().submitTclo(new byte[101]);
            CompletableFuture<byte[]> ok = host().submitTclo(ascii("ping"));
            tclo.send(new byte[0]);
            assertThatThrownBy(tclo::receive).isInstanceOf(MessageTooLargeException.class);
            assertThat(big).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS);
            tclo.send(new byte[0]);
            assertThat(tclo.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("ping")));
            tclo.send(ascii("OK "));
            assertThat(ok.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ascii("OK "));
        }
    }

    static Stream<Arguments> checkpointSteps() {
        // The command "info-get guestinfo.k\0" is 21 bytes (6 LB chunks), the reply "1 123456789" 11 (3 chunks).
        List<Arguments> args = new ArrayList<>();
        args.add(Arguments.of(false, TransferStep.SEND_SIZE, 0));
        for (int k = 0; k < 6; k++) {
            args.add(Arguments.of(false, TransferStep.SEND_PAYLOAD, k));
        }
        for (int k = 0; k < 3; k++) {
            args.add(Arguments.of(false, TransferStep.RECEIVE_PAYLOAD, k));
        }
        args.add(Arguments.of(false, TransferStep.RECEIVE_SIZE, 0));
        args.add(Arguments.of(false, TransferStep.RECEIVE_STATUS, 0));
        for (TransferStep step : new TransferStep[] {
            TransferStep.SEND_SIZE,
            TransferStep.SEND_HIGH_BANDWIDTH,
            TransferStep.RECEIVE_SIZE,
            TransferStep.RECEIVE_HIGH_BANDWIDTH,
            TransferStep.RECEIVE_STATUS
        }) {
            args.add(Arguments.of(true, step, 0));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "high bandwidth {0}, checkpoint at {1} #{2}")
    @MethodSource("checkpointSteps")
    void checkpointRestartsTheTransferAndDeliversExactlyOnce(boolean highBandwidth, TransferStep step, int skip)
            throws Exception {
        host().setHighBandwidth(highBandwidth);
        try (MessageChannel rpci = MessageChannel.open(backdoor(), Protocol.RPCI)) {
            rpci.send(ascii("info-set guestinfo.k 123456789\0"));
            assertThat(rpci.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 ")));
            int commandsBefore = host().rpciCommands().size();

            host().injectCheckpoint(step, skip);
            byte[] command = ascii("info-get guestinfo.k\0");
            rpci.send(command);
            Optional<byte[]> reply = rpci.receive();

            assertThat(host().pendingCheckpoints()).as("the checkpoint struck").isZero();
            assertThat(reply).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 123456789")));
            List<byte[]> commands = host().rpciCommands();
            assertThat(commands).hasSize(commandsBefore + 1);
            assertThat(commands.get(commands.size() - 1)).isEqualTo(command);
            assertThat(rpci.receive()).isEmpty();
        }
    }

    @Test
    void checkpointDuringTcloReplyCompletesTheRequestOnce() throws Exception {
        host().setHighBandwidth(false);
        try (MessageChannel tclo = MessageChannel.open(backdoor(), Protocol.TCLO)) {
            CompletableFuture<byte[]> answer = host().submitTclo(ascii("Capabilities_Register"));
            tclo.send(new byte[0]);
            host().injectCheckpoint(TransferStep.RECEIVE_STATUS, 0);
            assertThat(tclo.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("Capabilities_Register")));
            host().injectCheckpoint(TransferStep.SEND_PAYLOAD, 0);
            tclo.send(ascii("OK "));
            assertThat(answer.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ascii("OK "));
            assertThat(host().pendingCheckpoints()).isZero();
        }
    }

    @Test
    void fallsBackToNoCookieOnAnOldHost() throws Exception {
        host().setCookiesSupported(false);
        try (MessageChannel rpci = MessageChannel.open(backdoor(), Protocol.RPCI)) {
            assertThat(rpci.hasCookie()).isFalse();
            rpci.send(ascii("info-set guestinfo.old yes\0"));
            assertThat(rpci.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 ")));
        }
    }

    @Test
    void invalidatedCookieGivesTypedError() throws Exception {
        MessageChannel rpci = MessageChannel.open(backdoor(), Protocol.RPCI);
        host().invalidateCookies();
        assertThatThrownBy(() -> rpci.send(ascii("log hello\0"))).isInstanceOf(CookieRejectedException.class);
        assertThatThrownBy(rpci::receive).isInstanceOf(CookieRejectedException.class);
        assertThatThrownBy(rpci::close).isInstanceOf(CookieRejectedException.class);
        assertThat(rpci.isClosed()).isTrue();
        try (MessageChannel reopened = MessageChannel.open(backdoor(), Protocol.RPCI)) {
            reopened.send(ascii("log hello\0"));
            assertThat(reopened.receive()).hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 ")));
        }
    }

    @Test
    void tcloWithInvalidatedCookieCanBeReplacedByReopening() throws Exception {
        MessageChannel tclo = MessageChannel.open(backdoor(), Protocol.TCLO);
        host().invalidateCookies();
        assertThatThrownBy(() -> tclo.send(new byte[0])).isInstanceOf(CookieRejectedException.class);
        assertThatThrownBy(tclo::close).isInstanceOf(CookieRejectedException.class);
        try (MessageChannel reopened = MessageChannel.open(backdoor(), Protocol.TCLO)) {
            reopened.send(new byte[0]);
            assertThat(reopened.receive()).isEmpty();
            assertThatThrownBy(() -> MessageChannel.open(backdoor(), Protocol.TCLO))
                    .as("a live TCLO channel still blocks a second one")
                    .isInstanceOf(ChannelProtocolException.class);
        }
    }

    @Test
    void closedChannelRefusesUse() throws Exception {
        MessageChannel rpci = MessageChannel.open(backdoor(), Protocol.RPCI);
        rpci.close();
        rpci.close(); // idempotent
        assertThatThrownBy(() -> rpci.send(new byte[1])).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(rpci::receive).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void onlyOneTcloChannelAtATime() throws Exception {
        try (MessageChannel tclo = MessageChannel.open(backdoor(), Protocol.TCLO)) {
            assertThatThrownBy(() -> MessageChannel.open(backdoor(), Protocol.TCLO))
                    .isInstanceOf(ChannelProtocolException.class);
            assertThat(tclo.protocol()).isEqualTo(Protocol.TCLO);
        }
        MessageChannel.open(backdoor(), Protocol.TCLO).close();
    }

    @Test
    void manyChannelsInterleavedFromSeveralThreads() throws Exception {
        int threads = 6;
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (MessageChannel rpci = MessageChannel.open(backdoor(), Protocol.RPCI)) {
                        for (int i = 0; i < rounds; i++) {
                            String value = "t" + thread + "-" + i + "-" + "x".repeat(i * 7);
                            rpci.send(ascii("info-set guestinfo.thread" + thread + " " + value + "\0"));
                            assertThat(rpci.receive())
                                    .hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 ")));
                            rpci.send(ascii("info-get guestinfo.thread" + thread + "\0"));
                            assertThat(rpci.receive())
                                    .hasValueSatisfying(m -> assertThat(m).isEqualTo(ascii("1 " + value)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void getVersionAnswersLikeVmware() throws Exception {
        Registers out = backdoor()
                .lowBandwidth(new Registers(Backdoor.MAGIC, ~Backdoor.MAGIC, 0xFFFF000A, Backdoor.LB_PORT, 0, 0, 0));
        assertThat(out.eax()).isEqualTo(6);
        assertThat(out.ebx()).isEqualTo(Backdoor.MAGIC);
    }

    @Test
    void hostFailureOnOpenIsTyped() throws Exception {
        Registers out = backdoor()
                .lowBandwidth(new Registers(
                        Backdoor.MAGIC,
                        0x12345678,
                        MessageType.OPEN.code() << 16 | Backdoor.CMD_MESSAGE,
                        Backdoor.LB_PORT,
                        0,
                        0,
                        0));
        assertThat(out.ecxHigh() & MessageStatus.SUCCESS)
                .as("unknown protocol refused")
                .isZero();
    }
}
