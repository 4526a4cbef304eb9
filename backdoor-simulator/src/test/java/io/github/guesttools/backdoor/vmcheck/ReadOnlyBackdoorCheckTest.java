package io.github.guesttools.backdoor.vmcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.RecordedRpci;
import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlyBackdoorCheckTest {

    @Test
    void passesAgainstTheSimulatorWithFourReadOnlySteps() {
        VmxSimulator vmx = new VmxSimulator();
        vmx.setRecording(true);
        List<ReadOnlyBackdoorCheck.Step> steps = new ArrayList<>();
        assertThat(ReadOnlyBackdoorCheck.run(vmx, steps::add))
                .as(steps.toString())
                .isTrue();
        assertThat(steps)
                .extracting(ReadOnlyBackdoorCheck.Step::name)
                .hasSize(4)
                .startsWith("GETVERSION", "open RPCI channel")
                .endsWith("close RPCI channel");
        assertThat(steps.get(2).name()).matches("info-get guestinfo\\.guest-tools-self-check-unset-[0-9a-f]{16}");
        assertThat(steps.get(2).detail()).isEqualTo("'0 No value found'");
        assertThat(steps).allMatch(ReadOnlyBackdoorCheck.Step::passed);
        // the only RPCI command is the info-get; the channel is closed again
        assertThat(vmx.rpciCommands())
                .extracting(RecordedRpci::commandText)
                .singleElement()
                .satisfies(c -> assertThat(c).startsWith("info-get guestinfo."));
        assertThat(vmx.openChannels()).isZero();
    }

    @Test
    void anUnexpectedInfoGetAnswerFailsTheCheckAndStillCloses() {
        VmxSimulator vmx = new VmxSimulator();
        vmx.rpci().register("info-get", c -> RpciHandler.ok("surprise"));
        List<ReadOnlyBackdoorCheck.Step> steps = new ArrayList<>();
        assertThat(ReadOnlyBackdoorCheck.run(vmx, steps::add)).isFalse();
        assertThat(steps.get(2).passed()).isFalse();
        assertThat(steps.get(2).toString()).startsWith("FAIL info-get").endsWith("'1 surprise'");
        assertThat(steps.get(3).passed()).isTrue();
        assertThat(vmx.openChannels()).isZero();
    }

    @Test
    void stopsWhenTheChannelDoesNotOpen() {
        VmxSimulator vmx = new VmxSimulator();
        vmx.powerOff();
        List<ReadOnlyBackdoorCheck.Step> steps = new ArrayList<>();
        assertThat(ReadOnlyBackdoorCheck.run(vmx, steps::add)).isFalse();
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).passed()).isTrue();
        assertThat(steps.get(1).toString()).startsWith("FAIL open RPCI channel");
    }
}
