package io.github.guesttools.backdoor.channel;

import io.github.guesttools.backdoor.Backdoor;

/** The suite against a simulator called directly in this thread. */
class InProcessMessageChannelTest extends LocalSimulatorContract {
    @Override
    protected Backdoor backdoor() {
        return simulator;
    }
}
