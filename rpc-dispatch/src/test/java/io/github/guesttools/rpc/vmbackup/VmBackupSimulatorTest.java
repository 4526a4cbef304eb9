package io.github.guesttools.rpc.vmbackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.QuiesceHost;
import io.github.guesttools.backdoor.simulator.QuiesceHost.Event;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import io.github.guesttools.rpc.tclo.TcloService;
import io.github.guesttools.rpc.testing.SimulatedVm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole conversation over the simulated backdoor: the simulator plays the VMX ({@link QuiesceHost}),
 * the guest runs the real TCLO loop, RPCI client, timers and worker threads.
 */
class VmBackupSimulatorTest {
    @TempDir
    Path dir;

    private final SimulatedVm vm = new SimulatedVm();
    private final QuiesceHost host = new QuiesceHost(vm.vmx());
    private final RpciClient rpci = new RpciClient(vm.opener());
    private TcloService tclo;
    private VmBackup backup;

    @AfterEach
    void stop() {
        if (backup != null) {
            backup.close();
        }
        if (tclo != null) {
            tclo.stop();
        }
        rpci.close();
    }

    private void start(FileSystemFreezer freezer) throws Exception {
        backup = VmBackup.builder(c -> rpci.send(c), freezer)
                .scripts(new FreezeScripts(dir.resolve("none"), dir.resolve("none.d"), dir.resolve("none")))
                .manifest(dir.resolve("etc/quiesce_manifest.xml"))
                .build();
        serve();
    }

    /** The TCLO loop on the simulated VM, answering with {@link #backup}'s handlers. */
    private void serve() throws Exception {
        HandlerRegistry handlers = new HandlerRegistry();
        backup.register(handlers);
        tclo = TcloService.builder(vm.opener())
                .handlers(handlers)
                .handlerBound(Duration.ofSeconds(10))
                .build();
        tclo.start();
    }

    private static String reply(CompletableFuture<byte[]> f) throws Exception {
        return SimulatedVm.ascii(f.get(SimulatedVm.WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    private void awaitEvent(String name) {
        SimulatedVm.await(() -> host.received(name), name + " in " + host.rawEvents());
    }

    /** Skips (saying why on the console) unless real loop-mounted file systems can be made here (root). */
    private static void assumeLoopFileSystems(String what) {
        String why = LoopFileSystem.unavailable();
        if (why != null) {
            System.out.println("SKIPPED VmBackupSimulatorTest " + what + ": " + why);
        }
        Assumptions.assumeTrue(why == null, why);
    }

    /** The real freezer, offered only the file systems mounted below {@code dir} (never this machine's own). */
    private static LinuxFreezer freezerBelow(Path dir) {
        String base = dir + "/";
        return new LinuxFreezer(
                () -> MountEntry.current().stream()
                        .filter(m -> m.mountPoint().startsWith(base))
                        .toList(),
                List.of());
    }

    @Test
    void aQuiescedSnapshotFromStartToDone() throws Exception {
        FakeFreezer freezer = new FakeFreezer();
        start(freezer);
        assertThat(reply(host.start(false))).isEqualTo("OK ");
        awaitEvent("prov.snapshotCommit");
        assertThat(freezer.frozen).isTrue();
        assertThat(reply(host.start(false))).isEqualTo("ERROR Quiesce operation already in progress.");
        assertThat(reply(host.snapshotDone())).isEqualTo("OK ");
        awaitEvent("req.done");
        assertThat(freezer.frozen).isFalse();
        assertThat(host.progress())
                .containsExactly(
                        new Event("reset", 0, ""),
                        new Event("prov.snapshotCommit", 0, ""),
                        new Event("req.done", 0, ""));
        assertThat(host.rawEvents()).first().isEqualTo("reset 0 ");
        assertThat(reply(host.snapshotDone())).isEqualTo("ERROR Error: no quiesce operation in progress");
        assertThat(reply(vm.vmx().submitTclo("vmbackup.snapshotCompleted")))
                .isEqualTo("ERROR Error: no quiesce complete in progress");
    }

    @Test
    void startWithOptsAndAbort() throws Exception {
        FakeFreezer freezer = new FakeFreezer();
        start(freezer);
        assertThat(reply(host.startWithOpts(QuiesceHost.paramsV1(false, true, false, "", 0, "uuid-1"))))
                .isEqualTo("OK ");
        awaitEvent("prov.snapshotCommit");
        assertThat(reply(host.abort())).isEqualTo("OK ");
        awaitEvent("req.done");
        assertThat(freezer.frozen).isFalse();
        assertThat(host.progress())
                .extracting(Event::name)
                .containsExactly("reset", "prov.snapshotCommit", "req.aborted", "req.done");
        byte[] bad = QuiesceHost.paramsV1(false, true, false, "", 0, "");
        assertThat(reply(host.startWithOpts(java.util.Arrays.copyOf(bad, 10))))
                .isEqualTo("ERROR XDR deserialization failed.");
    }

    @Test
    void keepAlivesArriveWhileFrozen() throws Exception {
        start(new FakeFreezer());
        host.start(false).get(30, TimeUnit.SECONDS);
        awaitEvent("req.keepAlive");
        assertThat(host.rawEvents()).contains("req.keepAlive 0 ");
        assertThat(reply(host.snapshotDone())).isEqualTo("OK ");
        awaitEvent("req.done");
    }

    @Test
    void aHostThatVanishesMidSnapshotLeavesNothingFrozen() throws Exception {
        FakeFreezer freezer = new FakeFreezer();
        start(freezer);
        assertThat(reply(host.start(false))).isEqualTo("OK ");
        awaitEvent("prov.snapshotCommit");
        assertThat(freezer.frozen).isTrue();
        host.vanish();
        // the next keep-alive is refused: the guest thaws without waiting for any bound
        SimulatedVm.await(() -> !freezer.frozen, "thawed after the host vanished");
        SimulatedVm.await(() -> backup.state() == VmBackup.State.IDLE, "operation over");
        assertThat(backup.ioFrozen()).isFalse();
    }

    @Test
    void aHostThatVanishesWhileRealFileSystemsAreFrozenLeavesThemWritable() throws Exception {
        assumeLoopFileSystems("real freeze");
        try (LoopFileSystem fs = LoopFileSystem.create(dir.resolve("v.img"), dir.resolve("v"))) {
            start(freezerBelow(dir));
            assertThat(reply(host.start(false))).isEqualTo("OK ");
            awaitEvent("prov.snapshotCommit");
            Process p = new ProcessBuilder(
                            "dd",
                            "if=/dev/zero",
                            "of=" + fs.mountPoint.resolve("f"),
                            "bs=4096",
                            "count=1",
                            "conv=fsync")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                assertThat(p.waitFor(1, TimeUnit.SECONDS))
                        .as("frozen: the write waits")
                        .isFalse();
                host.vanish();
                assertThat(p.waitFor(60, TimeUnit.SECONDS))
                        .as("thawed by the guest itself")
                        .isTrue();
                assertThat(p.exitValue()).isZero();
            } finally {
                backup.close();
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aRealQuiesceWithAManifestWritesItAfterTheThawAndHoldsTheLogOnlyWhileFrozen() throws Exception {
        assumeLoopFileSystems("real manifest");
        try (LoopFileSystem fs = LoopFileSystem.create(dir.resolve("m.img"), dir.resolve("m"))) {
            Path manifest = dir.resolve("etc/quiesce_manifest.xml");
            List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            backup = VmBackup.builder(c -> rpci.send(c), freezerBelow(dir))
                    .scripts(new FreezeScripts(dir.resolve("none"), dir.resolve("none.d"), dir.resolve("none")))
                    .manifest(manifest)
                    .freezeListener(new FreezeListener() {
                        @Override
                        public void frozen() {
                            told.add("frozen");
                        }

                        @Override
                        public void thawed() {
                            told.add("thawed");
                        }
                    })
                    .build();
            serve();
            assertThat(reply(host.start(true))).isEqualTo("OK ");
            awaitEvent("prov.snapshotCommit");
            assertThat(told).as("held while the loop file system is frozen").containsExactly("frozen");
            assertThat(manifest).doesNotExist();
            assertThat(reply(host.snapshotDone())).isEqualTo("OK ");
            awaitEvent("req.done");
            assertThat(told).containsExactly("frozen", "thawed");
            assertThat(host.manifestPath()).contains(manifest.toString());
            assertThat(host.progress())
                    .extracting(Event::name)
                    .containsExactly("reset", "prov.snapshotCommit", "req.genericManifest", "req.done");
            assertThat(java.nio.file.Files.readString(manifest))
                    .contains("<providerName>fifreeze</providerName>")
                    .startsWith("<quiesceManifest>");
            // the file system really thawed: a write completes
            java.nio.file.Files.writeString(fs.mountPoint.resolve("after"), "ok");
        }
    }

    @Test
    void anIdleAgentKeepsNoQuiesceThread() throws Exception {
        start(new FakeFreezer());
        // threads of earlier tests' closed instances may still be ending
        SimulatedVm.await(() -> quiesceThreads() == 0, "no quiesce thread before any snapshot");
        host.start(false).get(30, TimeUnit.SECONDS);
        awaitEvent("prov.snapshotCommit");
        assertThat(quiesceThreads()).as("while one runs").isPositive();
        host.snapshotDone().get(30, TimeUnit.SECONDS);
        awaitEvent("req.done");
        SimulatedVm.await(() -> quiesceThreads() == 0, "timer and worker threads end after the operation");
    }

    private static long quiesceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vmbackup-"))
                .count();
    }
}
