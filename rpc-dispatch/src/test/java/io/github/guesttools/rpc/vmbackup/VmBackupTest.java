package io.github.guesttools.rpc.vmbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine with a fake freezer, a fake clock and synchronous steps: no sleeps, no root. */
class VmBackupTest {
    private static final String RESET = "vmbackup.eventSet reset 0 ";
    private static final String COMMIT = "vmbackup.eventSet prov.snapshotCommit 0 ";
    private static final String DONE = "vmbackup.eventSet req.done 0 ";
    private static final String KEEP_ALIVE = "vmbackup.eventSet req.keepAlive 0 ";

    @TempDir
    Path dir;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile boolean hostGone;
    private final FakeFreezer freezer = new FakeFreezer();
    private final ManualScheduler clock = new ManualScheduler();
    private VmBackup backup;
    /** What the freeze listener was told, with whether the fake was frozen at that moment. */
    private final List<String> told = new CopyOnWriteArrayList<>();

    private volatile boolean held;
    private final FreezeListener listener = new FreezeListener() {
        @Override
        public void frozen() {
            held = true;
            told.add("frozen(fs frozen=" + freezer.frozen + ")");
        }

        @Override
        public void thawed() {
            held = false;
            told.add("thawed(fs frozen=" + freezer.frozen + ")");
        }
    };

    @AfterEach
    void close() {
        if (backup != null) {
            backup.close();
        }
        assertThat(freezer.frozen).as("no test leaves the fake frozen").isFalse();
        assertThat(held).as("no test leaves the log held").isFalse();
        assertThat(told)
                .as("the listener is told before the freeze and after the thaw, in pairs")
                .allMatch(t -> t.endsWith("(fs frozen=false)"))
                .hasSize(told.size() / 2 * 2);
        for (int i = 0; i < told.size(); i++) {
            assertThat(told.get(i)).startsWith(i % 2 == 0 ? "frozen" : "thawed");
        }
    }

    private VmBackup build(ExecutorService worker, VmBackupSettings settings) {
        backup = VmBackup.builder(
                        c -> {
                            if (hostGone) {
                                throw new IOException("host gone");
                            }
                            sent.add(c);
                        },
                        freezer)
                .scripts(new FreezeScripts(dir.resolve("none"), dir.resolve("none.d"), dir.resolve("none")))
                .settings(settings)
                .scheduler(clock)
                .worker(worker)
                .freezeListener(listener)
                .manifest(dir.resolve("etc/quiesce_manifest.xml"))
                .build();
        return backup;
    }

    private VmBackup build() {
        return build(new DirectExecutor(), VmBackupSettings.defaults());
    }

    private static QuiesceRequest request() {
        return new QuiesceRequest(false, true, true, "", 0);
    }

    private List<String> progress() {
        return sent.stream().filter(s -> !s.equals(KEEP_ALIVE)).toList();
    }

    @Test
    void aSnapshotFreezesReportsReadyThenThawsOnDone() {
        VmBackup b = build();
        b.start(request());
        assertThat(sent).containsExactly(RESET, COMMIT);
        assertThat(freezer.frozen).isTrue();
        assertThat(b.ioFrozen()).isTrue();
        assertThat(held).as("log held while frozen").isTrue();
        assertThat(b.state()).isEqualTo(VmBackup.State.SYNC_FREEZE);

        b.snapshotDone();
        assertThat(held).isFalse();
        assertThat(told).hasSize(2);
        assertThat(freezer.frozen).isFalse();
        assertThat(b.ioFrozen()).isFalse();
        assertThat(sent).containsExactly(RESET, COMMIT, DONE);
        assertThat(b.state()).isEqualTo(VmBackup.State.IDLE);
        assertThat(clock.pending()).as("idle: no timer left").isZero();
    }

    @Test
    void keepAlivesEvery2500MsWhileAnOperationRunsAndNoneAfter() {
        VmBackup b = build();
        b.start(request());
        clock.advance(Duration.ofMillis(2499));
        assertThat(sent).doesNotContain(KEEP_ALIVE);
        clock.advance(Duration.ofMillis(1));
        assertThat(sent).containsExactly(RESET, COMMIT, KEEP_ALIVE);
        clock.advance(Duration.ofMillis(5000));
        assertThat(sent).containsExactly(RESET, COMMIT, KEEP_ALIVE, KEEP_ALIVE, KEEP_ALIVE);
        b.snapshotDone();
        int count = sent.size();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sent).hasSize(count);
    }

    @Test
    void withoutSnapshotDoneTheGuestThawsByItselfAfterTheFrozenBound() {
        VmBackup b = build();
        b.start(request());
        clock.advance(Duration.ofSeconds(59));
        assertThat(freezer.frozen).isTrue();
        assertThat(held).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(freezer.frozen).isFalse();
        assertThat(held).as("released by the frozen bound").isFalse();
        assertThat(told).hasSize(2);
        assertThat(b.ioFrozen()).isFalse();
        assertThat(progress())
                .containsExactly(
                        RESET,
                        COMMIT,
                        "vmbackup.eventSet req.error 3 Filesystems thawed after 60 s without snapshotDone.",
                        DONE);
        assertThatThrownBy(b::snapshotDone).hasMessage(VmBackup.NO_OPERATION);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void theFrozenBoundIsConfigurable() {
        VmBackup b = build(new DirectExecutor(), VmBackupSettings.defaults().withFrozenTimeout(Duration.ofSeconds(5)));
        b.start(request());
        clock.advance(Duration.ofSeconds(5));
        assertThat(freezer.frozen).isFalse();
        assertThat(progress())
                .contains("vmbackup.eventSet req.error 3 Filesystems thawed after 5 s without snapshotDone.");
    }

    @Test
    void aHostThatVanishesWhileFrozenIsNoticedByTheNextKeepAliveAndTheGuestThaws() {
        VmBackup b = build();
        b.start(request());
        hostGone = true;
        assertThat(held).isTrue();
        clock.advance(VmBackup.KEEP_ALIVE);
        assertThat(freezer.frozen).isFalse();
        assertThat(held).as("released when the host vanished").isFalse();
        assertThat(told).hasSize(2);
        assertThat(b.ioFrozen()).isFalse();
        assertThat(b.state()).isEqualTo(VmBackup.State.IDLE);
        assertThat(clock.pending()).isZero();
        hostGone = false;
        assertThatThrownBy(b::snapshotDone).hasMessage(VmBackup.NO_OPERATION);
    }

    @Test
    void whenTheCommitCannotBeSentTheGuestThawsAtOnce() {
        backup = VmBackup.builder(
                        c -> {
                            if (c.startsWith("vmbackup.eventSet prov.")) {
                                throw new IOException("channel closed");
                            }
                            sent.add(c);
                        },
                        freezer)
                .scripts(new FreezeScripts(dir.resolve("n"), dir.resolve("n.d"), dir.resolve("n")))
                .scheduler(clock)
                .worker(new DirectExecutor())
                .freezeListener(listener)
                .build();
        backup.start(request());
        assertThat(told).containsExactly("frozen(fs frozen=false)", "thawed(fs frozen=false)");
        assertThat(freezer.calls).containsExactly("freeze", "thaw");
        assertThat(freezer.frozen).isFalse();
        assertThat(backup.ioFrozen()).isFalse();
        assertThat(backup.state()).isEqualTo(VmBackup.State.IDLE);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void abortWhileFrozenThawsAndReportsTheCancel() {
        VmBackup b = build();
        b.start(request());
        assertThat(held).isTrue();
        b.abort();
        assertThat(held).as("released by the abort").isFalse();
        assertThat(told).hasSize(2);
        assertThat(freezer.frozen).isFalse();
        assertThat(progress())
                .containsExactly(RESET, COMMIT, "vmbackup.eventSet req.aborted 4 Quiesce canceled.", DONE);
        assertThatThrownBy(b::abort).hasMessage(VmBackup.NO_OPERATION);
    }

    @Test
    void aHostResetWhileFrozenThawsAndReportsTheCancel() {
        VmBackup b = build();
        b.hostReset(); // nothing in progress: nothing happens
        assertThat(sent).isEmpty();
        b.start(request());
        assertThat(freezer.frozen).isTrue();
        b.hostReset();
        assertThat(freezer.frozen).isFalse();
        assertThat(held).isFalse();
        assertThat(b.state()).isEqualTo(VmBackup.State.IDLE);
        assertThat(progress())
                .containsExactly(RESET, COMMIT, "vmbackup.eventSet req.aborted 4 Quiesce canceled.", DONE);
    }

    @Test
    void anAbortThatCannotThawSaysSo() {
        VmBackup b = build();
        b.start(request());
        freezer.failThaw = true;
        b.abort();
        assertThat(progress()).contains("vmbackup.eventSet req.aborted 4 Quiesce could not be canceled.");
    }

    @Test
    void theOverallBoundFromTheHostCancels() {
        VmBackup b =
                build(new DirectExecutor(), VmBackupSettings.defaults().withFrozenTimeout(Duration.ofSeconds(600)));
        b.start(new QuiesceRequest(false, true, false, "", 10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(freezer.frozen).isFalse();
        assertThat(progress())
                .containsExactly(RESET, COMMIT, "vmbackup.eventSet req.aborted 4 Quiesce canceled.", DONE);
    }

    @Test
    void aSecondStartIsRefusedAndChangesNothing() {
        VmBackup b = build();
        b.start(request());
        assertThatThrownBy(() -> b.start(request())).hasMessage(VmBackup.IN_PROGRESS);
        assertThat(freezer.calls).containsExactly("freeze");
        b.snapshotDone();
    }

    @Test
    void requestsWithoutAnOperationGetTheOpenVmToolsErrors() {
        VmBackup b = build();
        assertThatThrownBy(b::snapshotDone).hasMessage("Error: no quiesce operation in progress");
        assertThatThrownBy(b::abort).hasMessage("Error: no quiesce operation in progress");
        assertThat(sent).isEmpty();
    }

    @Test
    void aFailedFreezeIsReportedNeverAsReady() {
        freezer.failFreeze = true;
        VmBackup b = build();
        b.start(request());
        assertThat(progress())
                .containsExactly(RESET, "vmbackup.eventSet req.error 3 Error when enabling the sync provider.", DONE);
        assertThat(b.ioFrozen()).isFalse();
        assertThat(held).isFalse();
        assertThat(told).hasSize(2);
    }

    @Test
    void aFailedThawIsReported() {
        VmBackup b = build();
        b.start(request());
        freezer.failThaw = true;
        b.snapshotDone();
        assertThat(progress())
                .containsExactly(
                        RESET, COMMIT, "vmbackup.eventSet req.error 3 Error when notifying the sync provider.", DONE);
        assertThat(b.ioFrozen()).isFalse();
    }

    @Test
    void withoutFileSystemQuiescingNothingIsFrozenButTheSnapshotProceeds() {
        VmBackup b = build();
        b.start(new QuiesceRequest(true, false, false, "", 0));
        assertThat(freezer.calls).isEmpty();
        assertThat(told).as("nothing frozen: the log is never held").isEmpty();
        assertThat(b.ioFrozen()).isFalse();
        assertThat(sent).containsExactly(RESET, COMMIT);
        b.snapshotDone();
        assertThat(sent).as("no manifest: nothing was frozen").containsExactly(RESET, COMMIT, DONE);
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    @Test
    void stoppingTheAgentWhileFrozenThawsAndTellsTheHost() {
        VmBackup b = build();
        b.start(request());
        b.close();
        assertThat(held).as("released when the agent stops").isFalse();
        assertThat(freezer.frozen).isFalse();
        assertThat(progress())
                .containsExactly(RESET, COMMIT, "vmbackup.eventSet req.aborted 4 Quiesce canceled.", DONE);
        assertThatThrownBy(() -> b.start(request())).hasMessage(VmBackup.IN_PROGRESS);
    }

    @Test
    void aHungFreezeFailsAfterItsBoundAndIsUndoneWhenItFinallyReturns() throws Exception {
        ExecutorService worker = Executors.newCachedThreadPool();
        try {
            freezer.hang = new CountDownLatch(1);
            VmBackup b = build(worker, VmBackupSettings.defaults());
            b.start(request());
            assertThat(freezer.freezing.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(b.ioFrozen()).isTrue();
            assertThatThrownBy(b::snapshotDone).hasMessage(VmBackup.UNEXPECTED_DONE);

            assertThat(held).isTrue();
            clock.advance(Duration.ofSeconds(30));
            assertThat(b.ioFrozen()).isFalse();
            assertThat(held).as("still held: the stuck worker may still freeze").isTrue();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(progress())
                            .containsExactly(
                                    RESET, "vmbackup.eventSet req.error 3 Freezing did not finish within 30 s.", DONE));
            assertThatThrownBy(() -> b.start(request()))
                    .as("one stuck freeze worker at most")
                    .hasMessage(VmBackup.IN_PROGRESS);

            freezer.hang.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> freezer.calls.size() >= 3);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !held);
            assertThat(freezer.frozen).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                freezer.hang = null;
                assertThat(b.state()).isEqualTo(VmBackup.State.IDLE);
                b.start(request());
            });
            // the worker freezes asynchronously: done is only accepted once frozen
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> b.state() == VmBackup.State.SYNC_FREEZE);
            b.snapshotDone();
        } finally {
            backup.close();
            worker.shutdownNow();
        }
    }

    @Test
    void aRequestedManifestIsWrittenAfterTheThawAndAnnounced() throws Exception {
        Path manifest = dir.resolve("etc/quiesce_manifest.xml");
        VmBackup b = build();
        b.start(new QuiesceRequest(true, true, false, "", 0));
        assertThat(manifest).as("never while frozen").doesNotExist();
        b.snapshotDone();
        assertThat(progress())
                .containsExactly(RESET, COMMIT, "vmbackup.eventSet req.genericManifest 0 " + manifest, DONE);
        assertThat(Files.readString(manifest))
                .isEqualTo("<quiesceManifest>\n"
                        + "   <productVersion>2147483647</productVersion>\n"
                        + "   <providerName>fifreeze</providerName>\n"
                        + "</quiesceManifest>\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)))
                .isEqualTo("rw-r--r--");
        try (var left = Files.list(manifest.getParent())) {
            assertThat(left).as("no temporary file left").containsExactly(manifest);
        }
    }

    @Test
    void noManifestWithoutARequestOrWhenSwitchedOffOrAfterAFailure() throws Exception {
        Path manifest = dir.resolve("etc/quiesce_manifest.xml");
        VmBackup b = build();
        b.start(request());
        b.snapshotDone();
        b.start(new QuiesceRequest(true, true, false, "", 0));
        b.abort();
        assertThat(manifest).doesNotExist();
        assertThat(sent).noneMatch(c -> c.contains("genericManifest"));
        b.close();
        sent.clear();
        // [vmbackup] enableXmlManifest=false
        backup = VmBackup.builder(sent::add, freezer)
                .scripts(new FreezeScripts(dir.resolve("n"), dir.resolve("n.d"), dir.resolve("n")))
                .scheduler(clock)
                .worker(new DirectExecutor())
                .manifest(null)
                .build();
        backup.start(new QuiesceRequest(true, true, false, "", 0));
        backup.snapshotDone();
        assertThat(manifest).doesNotExist();
        assertThat(sent).noneMatch(c -> c.contains("genericManifest"));
    }

    @Test
    void aManifestThatCannotBeWrittenIsLoggedAndTheSnapshotStillSucceeds() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/quiesce_manifest.xml"), "dir in the way");
        Path blocked = dir.resolve("etc/quiesce_manifest.xml/sub.xml"); // parent is a regular file
        backup = VmBackup.builder(sent::add, freezer)
                .scripts(new FreezeScripts(dir.resolve("n"), dir.resolve("n.d"), dir.resolve("n")))
                .scheduler(clock)
                .worker(new DirectExecutor())
                .manifest(blocked)
                .build();
        backup.start(new QuiesceRequest(true, true, false, "", 0));
        backup.snapshotDone();
        assertThat(progress()).containsExactly(RESET, COMMIT, DONE);
    }

    @Test
    void aSymlinkPlantedAtTheManifestPathIsReplacedNotFollowed() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path target = Files.writeString(dir.resolve("shadow"), "root:precious\n");
        Path manifest = etc.resolve("quiesce_manifest.xml");
        Files.createSymbolicLink(manifest, target);
        VmBackup b = build();
        b.start(new QuiesceRequest(true, true, false, "", 0));
        b.snapshotDone();
        assertThat(Files.readString(target))
                .as("the link's target is untouched")
                .isEqualTo("root:precious\n");
        assertThat(Files.isSymbolicLink(manifest)).isFalse();
        assertThat(Files.readString(manifest)).startsWith("<quiesceManifest>");
    }

    @Test
    void snapshotCompletedIsAlwaysRefusedOnLinux() throws Exception {
        VmBackup b = build();
        io.github.guesttools.rpc.tclo.HandlerRegistry handlers = new io.github.guesttools.rpc.tclo.HandlerRegistry();
        b.register(handlers);
        assertThat(handlers.names())
                .containsExactlyInAnyOrder(
                        "vmbackup.start",
                        "vmbackup.startWithOpts",
                        "vmbackup.snapshotDone",
                        "vmbackup.abort",
                        "vmbackup.snapshotCompleted");
    }
}
