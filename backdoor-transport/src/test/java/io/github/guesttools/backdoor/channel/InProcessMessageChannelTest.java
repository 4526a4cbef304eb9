package io.github.guesttools.backdoor.channel;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.simulator.VmxSimulator;

/** The suite against a simulator called directly in this thread. */
class InProcessMessageChannelTest extends MessageChannelContract {
    private final VmxSimulator simulator = new VmxSimulator();

    @Override
    protected Backdoor backdoor() {
        return simulator;
    }

    @Override
    protected HostControl host() {
        return new SimulatorControl(simulator);
    }
}
