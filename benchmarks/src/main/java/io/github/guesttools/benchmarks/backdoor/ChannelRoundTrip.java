package io.github.guesttools.benchmarks.backdoor;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.io.IOException;
import java.util.Arrays;

/** One RPCI request/reply of a fixed size against a simulator that answers with an equal-sized reply. */
final class ChannelRoundTrip {
    final VmxSimulator simulator = new VmxSimulator();
    final byte[] request;
    private MessageChannel channel;

    ChannelRoundTrip(int size, boolean highBandwidth) {
        simulator.setRecording(false);
        simulator.setHighBandwidth(highBandwidth);
        request = new byte[size];
        byte[] name = "bench ".getBytes();
        System.arraycopy(name, 0, request, 0, Math.min(name.length, size));
        Arrays.fill(request, Math.min(name.length, size), size, (byte) 'x');
        byte[] reply = new byte[size];
        reply[0] = '1';
        reply[1] = ' ';
        Arrays.fill(reply, 2, size, (byte) 'y');
        simulator.rpci().register("bench", c -> reply);
    }

    void open(Backdoor backdoor) throws IOException {
        channel = MessageChannel.open(backdoor, Protocol.RPCI);
    }

    byte[] roundTrip() throws IOException {
        channel.send(request);
        return channel.receive().orElseThrow();
    }

    void close() throws IOException {
        channel.close();
    }
}
