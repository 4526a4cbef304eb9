package io.github.guesttools.rpc.guestinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciFailureException;
import io.github.guesttools.rpc.testing.SimulatedVm;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuestInfoTest {
    private final SimulatedVm vm = new SimulatedVm();

    @Test
    void readsWhatTheHostConfigured() throws Exception {
        vm.vmx().rpci().putGuestInfo("guestinfo.userdata", "I2Nsb3VkLWNvbmZpZw==");
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            GuestInfo info = new GuestInfo(rpci);
            assertThat(info.get("userdata")).contains("I2Nsb3VkLWNvbmZpZw==");
            assertThat(info.get("guestinfo.userdata")).contains("I2Nsb3VkLWNvbmZpZw==");
        }
        assertThat(vm.rpciTexts()).containsOnly("info-get guestinfo.userdata\0");
    }

    @Test
    void missingKeyIsEmptyNotAnError() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            assertThat(new GuestInfo(rpci).get("absent")).isEmpty();
        }
    }

    @Test
    void otherRefusalsAreFailures() throws Exception {
        vm.vmx().rpci().register("info-get", c -> RpciHandler.error("Permission denied"));
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            assertThatThrownBy(() -> new GuestInfo(rpci).get("x"))
                    .isInstanceOf(RpciFailureException.class)
                    .hasMessageContaining("Permission denied");
        }
    }

    @Test
    void setThenGetRoundTripsUtf8() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            GuestInfo info = new GuestInfo(rpci);
            info.set("greeting", "grüß dich");
            info.set("empty", "");
            assertThat(info.get("greeting")).contains("grüß dich");
            assertThat(info.get("empty")).contains("");
            assertThat(info.getBytes("greeting").map(b -> new String(b, StandardCharsets.UTF_8)))
                    .isEqualTo(Optional.of("grüß dich"));
        }
        assertThat(vm.vmx().rpci().guestInfo("guestinfo.greeting").orElseThrow().getBytes(StandardCharsets.ISO_8859_1))
                .isEqualTo("grüß dich".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesKeysThatWouldChangeTheCommand() throws Exception {
        try (RpciClient rpci = new RpciClient(vm.opener())) {
            GuestInfo info = new GuestInfo(rpci);
            for (String bad : new String[] {"", "guestinfo.", "a b", "a\0b", "a\nb", "ä"}) {
                assertThatThrownBy(() -> info.get(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> info.set(bad, "v")).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> info.set("k", "a\0b")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(vm.vmx().rpciCommands()).isEmpty();
    }
}
