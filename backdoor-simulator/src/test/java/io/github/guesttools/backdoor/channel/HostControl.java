package io.github.guesttools.backdoor.channel;

import io.github.guesttools.backdoor.simulator.TransferStep;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the contract tests need of the host side, wherever the simulator runs. */
public interface HostControl {
    void reset() throws Exception;

    void setHighBandwidth(boolean enabled) throws Exception;

    void setCookiesSupported(boolean supported) throws Exception;

    CompletableFuture<byte[]> submitTclo(byte[] request) throws Exception;

    void injectCheckpoint(TransferStep step, int skip) throws Exception;

    int pendingCheckpoints() throws Exception;

    void invalidateCookies() throws Exception;

    int callCount() throws Exception;

    List<byte[]> rpciCommands() throws Exception;
}
