package io.github.guesttools.backdoor.channel;

import io.github.guesttools.backdoor.simulator.VmxSimulator;

/** The suite with the simulator's host side in this JVM (a fresh simulator per test). */
public abstract class LocalSimulatorContract extends MessageChannelContract {
    protected final VmxSimulator simulator = new VmxSimulator();

    @Override
    protected final HostControl host() {
        return new SimulatorControl(simulator);
    }
}
