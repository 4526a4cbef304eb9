package io.github.guesttools.rpc.rpci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.simulator.RecordedRpci;
import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.testing.SimulatedVm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RpciClientTest {
    private final SimulatedVm vm = new SimulatedVm();

    @Test
    void sendsTextWithTheTrailingNulAndParsesSuccess() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            assertThat(rpci.send("info-set guestinfo.a b")).isEmpty();
            assertThat(rpci.send("info-get guestinfo.a")).isEqualTo("b");
        }
        assertThat(vm.vmx().rpciCommands())
                .extracting(RecordedRpci::commandText)
                .containsExactly("info-set guestinfo.a b\0", "info-get guestinfo.a\0");
    }

    @Test
    void noValueCapabilityHasTrailingSpaceAndNoNul() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            assertThat(rpci.exchange(RpciCommand.noValueCapability("statechange"))
                            .success())
                    .isTrue();
        }
        assertThat(vm.rpciTexts()).containsExactly("tools.capability.statechange ");
    }

    @Test
    void hostRefusalIsATypedFailure() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            assertThatThrownBy(() -> rpci.send("info-set other.key x"))
                    .isInstanceOf(RpciFailureException.class)
                    .satisfies(e ->
                            assertThat(((RpciFailureException) e).hostMessage()).isEqualTo("Permission denied"));
            RpciReply r = rpci.exchange(RpciCommand.text("no-such-command"));
            assertThat(r.success()).isFalse();
            assertThat(r.text()).isEqualTo("Unknown command");
        }
    }

    @Test
    void malformedRepliesAreProtocolErrorsNotCrashes() throws Exception {
        for (String reply : new String[] {"", "1", "x ", "2 ok", "1x"}) {
            vm.vmx().rpci().register("odd", c -> reply.getBytes(StandardCharsets.ISO_8859_1));
            try (RpciClient rpci = new RpciClient(vm.opener())) {
                assertThatThrownBy(() -> rpci.send("odd")).as(reply).isInstanceOf(RpciProtocolException.class);
                assertThat(rpci.send("info-set guestinfo.after ok"))
                        .as("usable after %s", reply)
                        .isEmpty();
            }
        }
    }

    @Test
    void reopensAndResendsOnceAfterTheCookieIsInvalidated() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            rpci.send("info-set guestinfo.k 1");
            vm.vmx().invalidateCookies();
            assertThat(rpci.send("info-get guestinfo.k")).isEqualTo("1");
        }
        assertThat(vm.rpciTexts()).containsExactly("info-set guestinfo.k 1\0", "info-get guestinfo.k\0");
    }

    @Test
    void failsWithAChannelErrorWhenTheHostIsGone() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            vm.vmx().powerOff();
            assertThatThrownBy(() -> rpci.send("info-get guestinfo.k")).isInstanceOf(ChannelException.class);
            vm.vmx().powerOn();
            assertThat(rpci.exchange(RpciCommand.text("info-get guestinfo.k")).success())
                    .isFalse();
        }
    }

    @Test
    void refusesCommandsOverTheHostLimitWithoutSending() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            assertThatThrownBy(() -> rpci.exchange(new byte[RpciClient.MAX_COMMAND + 1]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(vm.vmx().rpciCommands()).isEmpty();
    }

    @Test
    void isThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    rpci.send("info-set guestinfo.t" + n + " v" + n);
                    return rpci.send("info-get guestinfo.t" + n);
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(SimulatedVm.WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo("v" + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(vm.vmx().openChannels()).isZero();
    }

    @Test
    void closedClientRefusesAndSecondCloseIsHarmless() throws Exception {
        RpciClient rpci = new RpciClient(vm.opener());
        rpci.send("log hello");
        rpci.close();
        rpci.close();
        assertThatThrownBy(() -> rpci.send("log again")).isInstanceOf(ChannelException.class);
    }
}
