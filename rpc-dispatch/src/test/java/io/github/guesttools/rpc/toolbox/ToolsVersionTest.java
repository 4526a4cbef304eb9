package io.github.guesttools.rpc.toolbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.rpc.testing.SimulatedVm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolsVersionTest {

    @Test
    void packsTheNumberAsVmwareDoes() {
        // 13.1.0 -> 13344 is the documented example; 12.5.0 -> 12448 checks the minor shift.
        assertThat(ToolsVersion.parse("p", "13.1.0", 0).versionNumber()).isEqualTo(13344);
        assertThat(ToolsVersion.parse("p", "12.5.0", 0).versionNumber()).isEqualTo(12448);
        assertThat(ToolsVersion.parse("p", "0.1.0-SNAPSHOT", 0).versionNumber()).isEqualTo(32);
    }

    @Test
    void readsLeadingNumbersAndToleratesJunk() {
        assertThat(ToolsVersion.parse("p", "2.3.4-SNAPSHOT", 7).versionString()).isEqualTo("2.3.4");
        assertThat(ToolsVersion.parse("p", "5", 0).versionString()).isEqualTo("5.0.0");
        assertThat(ToolsVersion.parse("p", "1.2", 0).versionString()).isEqualTo("1.2.0");
        assertThat(ToolsVersion.parse("p", "dev", 0).versionString()).isEqualTo("0.0.0");
        assertThat(ToolsVersion.parse("p", "99999999999.1.1", 0).versionString())
                .isEqualTo("0.1.1");
    }

    @Test
    void goldenCommands() {
        ToolsVersion v = ToolsVersion.parse("guest-tools-jvm", "13.1.0", 24912345);
        assertThat(v.detailed()).isEqualTo("13.1.0.0.24912345");
        assertThat(v.infoSetCommands().stream()
                        .map(b -> new String(b, StandardCharsets.UTF_8))
                        .toList())
                .containsExactly(
                        "info-set guestinfo.vmtools.description guest-tools-jvm 13.1.0.24912345\0",
                        "info-set guestinfo.vmtools.versionString 13.1.0\0",
                        "info-set guestinfo.vmtools.versionNumber 13344\0",
                        "info-set guestinfo.vmtools.buildNumber 24912345\0");
    }

    @Test
    void refusesControlCharactersInTheProduct() {
        assertThatThrownBy(() -> ToolsVersion.parse("a\nb", "1.0.0", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToolsVersion.parse("", "1.0.0", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyResetSetsTheVariablesOnTheHost() throws Exception {
        SimulatedVm vm = new SimulatedVm();
        try (Toolbox toolbox = Toolbox.builder(vm.opener())
                .version("3.2.1")
                .buildNumber(42)
                .guestInfo(r -> r.network(() -> io.github.guesttools.rpc.nicinfo.NicInfo.EMPTY)
                        .hostName(Optional::empty)
                        .os(() -> ToolboxTest.OS)
                        .uptime(() -> 1L))
                .guestInfoInterval(Duration.ZERO)
                .handlerBound(ToolboxTest.GENEROUS)
                .build()) {
            toolbox.start();
            assertThat(vm.request("reset")).isEqualTo("OK ATR toolbox");
            vm.awaitRpci("info-set guestinfo.vmtools.buildNumber 42\0");
            assertThat(vm.vmx().rpci().guestInfo("guestinfo.vmtools.versionString"))
                    .contains("3.2.1");
            assertThat(vm.vmx().rpci().guestInfo("guestinfo.vmtools.versionNumber"))
                    .contains(Long.toString((3 << 10) + (2 << 5) + 1));
            assertThat(vm.vmx().rpci().guestInfo("guestinfo.vmtools.description"))
                    .contains("guest-tools-jvm 3.2.1.42");
            // a new VMX (migration) loses them: the next reset sends them again
            vm.vmx().rpci().putGuestInfo("guestinfo.vmtools.versionString", "gone");
            assertThat(vm.request("reset")).isEqualTo("OK ATR toolbox");
            SimulatedVm.await(
                    () -> vm.vmx()
                            .rpci()
                            .guestInfo("guestinfo.vmtools.versionString")
                            .equals(Optional.of("3.2.1")),
                    "versionString sent again");
        }
    }
}
