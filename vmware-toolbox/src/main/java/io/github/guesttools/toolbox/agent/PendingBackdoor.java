package io.github.guesttools.toolbox.agent;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.location.Backdoors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;

/**
 * A backdoor being opened on a thread of its own while the agent is wired, so the two overlap on a
 * guest with more than one CPU: opening loads JNA and the port helper on VMware (the JDK's socket
 * classes over the simulator bridge), about as long as the wiring (docs/PERFORMANCE.md). Nothing
 * touches the backdoor before {@link #await()} has returned it: the agent's channels open in
 * {@link Agent#start()}, which {@link AgentMain} calls only after that.
 */
final class PendingBackdoor implements Backdoor {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Backdoor opened;
    /** Why it did not open, as {@link Backdoors#open} said it. */
    private volatile BackdoorException refused;
    /** A bad location, or a failure of the opening itself (an Error, wrapped). */
    private volatile RuntimeException broken;

    private PendingBackdoor() {}

    /** Starts opening {@code location} (see {@link Backdoors#open}) on a daemon thread. */
    static PendingBackdoor open(String location) {
        PendingBackdoor pending = new PendingBackdoor();
        Thread t = new Thread(
                () -> {
                    try {
                        pending.opened = Backdoors.open(location);
                    } catch (BackdoorException e) {
                        pending.refused = e;
                    } catch (RuntimeException e) {
                        pending.broken = e;
                    } catch (Error e) {
                        pending.broken = new IllegalStateException("opening the backdoor failed: " + e, e);
                    } finally {
                        pending.done.countDown();
                    }
                },
                "vmware-toolbox-backdoor-open");
        t.setDaemon(true);
        t.start();
        return pending;
    }

    /**
     * Waits for the opening.
     *
     * @return the open backdoor
     * @throws BackdoorException as {@link Backdoors#open} throws it
     * @throws IllegalArgumentException for a location {@link Backdoors#open} does not know
     */
    Backdoor await() throws BackdoorException, InterruptedException {
        done.await();
        if (refused != null) {
            throw refused;
        }
        if (broken != null) {
            throw broken;
        }
        return opened;
    }

    private Backdoor backdoor() throws IOException {
        Backdoor b = opened;
        if (b == null) {
            throw new IOException("the backdoor is not open yet");
        }
        return b;
    }

    @Override
    public Registers lowBandwidth(Registers in) throws IOException {
        return backdoor().lowBandwidth(in);
    }

    @Override
    public Registers highBandwidthOut(Registers in, ByteBuffer source) throws IOException {
        return backdoor().highBandwidthOut(in, source);
    }

    @Override
    public Registers highBandwidthIn(Registers in, ByteBuffer destination) throws IOException {
        return backdoor().highBandwidthIn(in, destination);
    }

    @Override
    public boolean needsDirectBuffers() {
        Backdoor b = opened;
        return b == null || b.needsDirectBuffers();
    }

    @Override
    public void close() throws IOException {
        Backdoor b = opened;
        if (b != null) {
            b.close();
        }
    }
}
