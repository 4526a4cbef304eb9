package io.github.guesttools.backdoor.channel;

import io.github.guesttools.backdoor.simulator.RecordedRpci;
import io.github.guesttools.backdoor.simulator.TransferStep;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link HostControl} of a simulator in this JVM. */
public final class SimulatorControl implements HostControl {
    private final VmxSimulator simulator;

    public SimulatorControl(VmxSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void reset() {
        simulator.reset();
    }

    @Override
    public void setHighBandwidth(boolean enabled) {
        simulator.setHighBandwidth(enabled);
    }

    @Override
    public void setCookiesSupported(boolean supported) {
        simulator.setCookiesSupported(supported);
    }

    @Override
    public CompletableFuture<byte[]> submitTclo(byte[] request) {
        return simulator.submitTclo(request);
    }

    @Override
    public void injectCheckpoint(TransferStep step, int skip) {
        simulator.injectCheckpoint(step, skip);
    }

    @Override
    public int pendingCheckpoints() {
        return simulator.pendingCheckpoints();
    }

    @Override
    public void invalidateCookies() {
        simulator.invalidateCookies();
    }

    @Override
    public int callCount() {
        return simulator.callCount();
    }

    @Override
    public List<byte[]> rpciCommands() {
        return simulator.rpciCommands().stream().map(RecordedRpci::command).toList();
    }
}
