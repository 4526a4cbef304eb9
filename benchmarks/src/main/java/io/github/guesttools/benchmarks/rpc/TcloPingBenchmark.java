package io.github.guesttools.benchmarks.rpc;

import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.tclo.Execution;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import io.github.guesttools.rpc.tclo.TcloService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * TCLO {@code ping} round trips through the VMX simulator and the real message channel, answered by
 * {@link TcloService}: one request in flight at a time (each waits for the loop's idle back-off, as on
 * VMware) and 100 queued at once (the loop's own speed). Baseline in the same run: an RPCI
 * {@code info-get} round trip on a bare message channel to the same simulator, the transport's floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TcloPingBenchmark {
    private static final byte[] PING = "ping".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] INFO_GET = "info-get guestinfo.bench\0".getBytes(StandardCharsets.ISO_8859_1);

    @Param({"POLL_THREAD", "WORKER"})
    Execution execution;

    private VmxSimulator vmx;
    private TcloService service;
    private MessageChannel rpci;
    private final CompletableFuture<?>[] batch = new CompletableFuture<?>[100];

    @Setup
    public void setUp() throws IOException {
        vmx = new VmxSimulator();
        vmx.setRecording(false);
        vmx.rpci().putGuestInfo("guestinfo.bench", "value");
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.register("ping", args -> new byte[0], execution);
        service = TcloService.builder(BackdoorChannels.opener(vmx))
                .handlers(handlers)
                .build();
        service.start();
        rpci = MessageChannel.open(vmx, Protocol.RPCI);
    }

    @TearDown
    public void tearDown() throws IOException {
        service.stop();
        rpci.close();
    }

    @Benchmark
    public Object pingOneInFlight() throws Exception {
        return vmx.submitTclo(PING).get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public Object ping100Queued() throws Exception {
        for (int i = 0; i < batch.length; i++) {
            batch[i] = vmx.submitTclo(PING);
        }
        return CompletableFuture.allOf(batch).get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object baselineRpciRoundTrip() throws IOException {
        rpci.send(INFO_GET);
        return rpci.receive();
    }
}
