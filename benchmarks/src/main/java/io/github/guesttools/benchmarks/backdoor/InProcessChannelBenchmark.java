package io.github.guesttools.benchmarks.backdoor;

import java.io.IOException;
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
 * RPCI request/reply round trips (request and reply of {@code size} bytes each) through the
 * message channel against the VMX simulator in the same thread, low against high bandwidth.
 * Baseline: copying the same bytes twice with {@code System.arraycopy} (the least any transport
 * must do).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InProcessChannelBenchmark {

    @Param({"16", "1024", "63488"})
    int size;

    @Param({"false", "true"})
    boolean highBandwidth;

    private ChannelRoundTrip trip;
    private byte[] src;
    private byte[] dst;

    @Setup
    public void setUp() throws IOException {
        trip = new ChannelRoundTrip(size, highBandwidth);
        trip.open(trip.simulator);
        src = trip.request.clone();
        dst = new byte[size];
    }

    @TearDown
    public void tearDown() throws IOException {
        trip.close();
    }

    @Benchmark
    public byte[] roundTrip() throws IOException {
        return trip.roundTrip();
    }

    @Benchmark
    public byte[] baselineCopyTwice() {
        System.arraycopy(src, 0, dst, 0, size);
        byte[] back = new byte[size];
        System.arraycopy(dst, 0, back, 0, size);
        return back;
    }
}
