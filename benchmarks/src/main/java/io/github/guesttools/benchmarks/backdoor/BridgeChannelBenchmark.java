package io.github.guesttools.benchmarks.backdoor;

import io.github.guesttools.backdoor.bridge.BridgeBackdoor;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The same round trips as {@link InProcessChannelBenchmark}, but over the simulator bridge (a
 * Unix domain socket to a simulator served by another thread of this JVM): every backdoor call
 * is one socket round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BridgeChannelBenchmark {

    @Param({"16", "1024", "63488"})
    int size;

    @Param({"false", "true"})
    boolean highBandwidth;

    private ChannelRoundTrip trip;
    private Path dir;
    private BridgeServer server;
    private BridgeBackdoor client;

    @Setup
    public void setUp() throws IOException {
        trip = new ChannelRoundTrip(size, highBandwidth);
        dir = Files.createTempDirectory("bridge-bench");
        server = BridgeServer.start(trip.simulator, dir.resolve("vmx.sock"));
        client = BridgeBackdoor.connect(server.path());
        trip.open(client);
    }

    @TearDown
    public void tearDown() throws IOException {
        trip.close();
        client.close();
        server.close();
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public byte[] roundTrip() throws IOException {
        return trip.roundTrip();
    }
}
