package io.github.guesttools.backdoor.channel;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.Registers;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The suite through the channel's off-heap path, the one the native backdoor takes: the backdoor
 * demands direct buffers (as the native one does) and hands the calls to a simulator.
 */
class DirectBufferMessageChannelTest extends LocalSimulatorContract {
    private final Backdoor directOnly = new Backdoor() {
        @Override
        public Registers lowBandwidth(Registers in) {
            return simulator.lowBandwidth(in);
        }

        @Override
        public Registers highBandwidthOut(Registers in, ByteBuffer source) throws IOException {
            return simulator.highBandwidthOut(in, requireDirect(source));
        }

        @Override
        public Registers highBandwidthIn(Registers in, ByteBuffer destination) throws IOException {
            return simulator.highBandwidthIn(in, requireDirect(destination));
        }
    };

    private static ByteBuffer requireDirect(ByteBuffer b) {
        if (!b.isDirect()) {
            throw new IllegalArgumentException("heap buffer given to a backdoor that needs direct buffers");
        }
        return b;
    }

    @Override
    protected Backdoor backdoor() {
        return directOnly;
    }
}
