package io.github.guesttools.rpc.vmbackup;

import io.github.guesttools.rpc.tclo.HandlerRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiesced snapshots: the {@code vmbackup.*} TCLO handlers and the state machine behind them ({@code
 * docs/protocols/vmbackup.md} §2, §5, §6). One operation at a time: {@code reset}, freeze scripts,
 * freeze, {@code prov.snapshotCommit}, then on {@code snapshotDone} thaw, thaw scripts, {@code
 * req.done}; a keep-alive every 2.5 s from the first event to the last.
 *
 * <p>No path leaves a file system frozen: the file systems thaw by themselves after the frozen bound
 * without {@code snapshotDone}, at once when an event cannot be sent (the host or the channel is
 * gone), on {@code abort}, on the overall bound, when freezing overruns its bound, and on {@link
 * #close()}. While frozen {@link #ioFrozen()} is true so other handlers can answer busy. Idle, it
 * holds no thread and no timer.
 */
public final class VmBackup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VmBackup.class);

    /** The capability message: NVMe quiescing supported ({@code tools.capability.features} index 36). */
    public static final String CAPABILITY = "tools.capability.features 36=1";
    /** {@code VMBACKUP_KEEP_ALIVE_PERIOD} / 2. */
    static final Duration KEEP_ALIVE = Duration.ofMillis(2500);

    static final String IN_PROGRESS = "Quiesce operation already in progress.";
    static final String NO_OPERATION = "Error: no quiesce operation in progress";
    static final String UNEXPECTED_DONE = "Error: unexpected state for quiesce done message.";
    static final String NO_COMPLETE = "Error: no quiesce complete in progress";
    static final String SCRIPT_FAILED = "Custom quiesce script failed.";
    static final String SCRIPT_START_FAILED = "Error when starting custom quiesce scripts.";
    static final String FREEZE_FAILED = "Error when enabling the sync provider.";
    static final String THAW_FAILED = "Error when notifying the sync provider.";
    static final String CANCELED = "Quiesce canceled.";
    static final String NOT_CANCELED = "Quiesce could not be canceled.";

    /** Sends one RPCI text command; throws when the host does not take it. */
    @FunctionalInterface
    public interface EventSender {
        /** Sends {@code command}; a failure means the host or the channel is gone. */
        void send(String command) throws IOException;
    }

    enum State {
        IDLE,
        SCRIPT_FREEZE,
        SYNC_FREEZE_WAIT,
        SYNC_FREEZE,
        SCRIPT_THAW,
        SCRIPT_ERROR
    }

    /** One operation's state; replaced at each start so stale callbacks see they are stale. */
    private final class Operation {
        final QuiesceRequest request;
        final List<Path> freezeScripts;
        final List<Path> scriptsRun = new ArrayList<>();
        FreezeSession session;
        Process running;
        boolean frozen;
        /** Something was really frozen (the manifest condition). */
        boolean froze;

        boolean broken;
        Scheduler.Timer overall;
        Scheduler.Timer step;
        Scheduler.Timer keepAlive;

        Operation(QuiesceRequest request) {
            this.request = request;
            this.freezeScripts = request.execScripts() ? scripts.freezeOrder() : List.of();
        }
    }

    private final EventSender events;
    private final FileSystemFreezer freezer;
    private final FreezeScripts scripts;
    private final VmBackupSettings settings;
    private final Scheduler scheduler;
    private final ExecutorService worker;
    private final FreezeListener listener;
    private final Path manifest;
    private State state = State.IDLE;
    private Operation op;
    private boolean freezeWorkerBusy;
    private boolean closed;
    private volatile boolean ioFrozen;
    /** What {@link #listener} was last told: frozen while a file system or a freeze worker may block. */
    private boolean held;

    private VmBackup(Builder b) {
        this.events = b.events;
        this.freezer = b.freezer;
        this.scripts = b.scripts;
        this.settings = b.settings;
        this.listener = b.listener;
        this.manifest = b.manifest;
        this.scheduler = b.scheduler != null ? b.scheduler : Scheduler.daemonThread("vmbackup-timer");
        // threads only while an operation runs: an idle agent keeps none
        this.worker = b.worker != null
                ? b.worker
                : new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "vmbackup-worker");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A builder sending events through {@code events} and freezing with {@code freezer}. */
    public static Builder builder(EventSender events, FileSystemFreezer freezer) {
        return new Builder(events, freezer);
    }

    /** Registers the five {@code vmbackup.*} handlers. */
    public void register(HandlerRegistry handlers) {
        handlers.register("vmbackup.start", args -> start(QuiesceRequest.parseStart(args, settings)));
        handlers.register("vmbackup.startWithOpts", args -> start(QuiesceRequest.decodeWithOpts(args)));
        handlers.register("vmbackup.snapshotDone", args -> snapshotDone());
        handlers.register("vmbackup.abort", args -> abort());
        handlers.register("vmbackup.snapshotCompleted", args -> {
            throw new IllegalStateException(NO_COMPLETE);
        });
    }

    /** True from just before the freeze until the thaw: guest I/O may block. */
    public boolean ioFrozen() {
        return ioFrozen;
    }

    /** The current state (tests, diagnostics). */
    synchronized State state() {
        return state;
    }

    // ---- TCLO requests -----------------------------------------------------------------------

    synchronized byte[] start(QuiesceRequest request) {
        if (closed || state != State.IDLE || freezeWorkerBusy) {
            throw new IllegalStateException(IN_PROGRESS);
        }
        Operation o = new Operation(request);
        op = o;
        state = State.SCRIPT_FREEZE;
        long seconds = request.timeoutSeconds() != 0
                ? request.timeoutSeconds()
                : settings.timeout().toSeconds();
        if (seconds > 0) {
            o.overall = scheduler.schedule(Duration.ofSeconds(seconds), () -> cancel(o, "overall timeout"));
        }
        send(o, VmBackupEvent.RESET);
        submit(o, () -> runFreezeScripts(o));
        return new byte[0];
    }

    synchronized byte[] snapshotDone() {
        if (state == State.IDLE) {
            throw new IllegalStateException(NO_OPERATION);
        }
        if (state != State.SYNC_FREEZE) {
            throw new IllegalStateException(UNEXPECTED_DONE);
        }
        Operation o = op;
        cancelStepTimer(o);
        if (thaw(o)) {
            state = State.SCRIPT_THAW;
            submit(o, () -> runThawScripts(o));
        } else {
            fail(o, VmBackupEvent.error(VmBackupEvent.SYNC_ERROR, THAW_FAILED));
        }
        return new byte[0];
    }

    /**
     * The host reset the tools' channel ({@code reset} from the VMX, or the TCLO channel broke and was
     * reopened): the VMX that asked for the quiesce may be gone (restarted, migrated), so an
     * operation in progress is cancelled and everything thaws now instead of at the next failed
     * keep-alive or the frozen bound. Nothing happens when no operation is in progress.
     */
    public synchronized void hostReset() {
        if (state != State.IDLE && op != null) {
            cancel(op, "the host reset the tools channel");
        }
    }

    synchronized byte[] abort() {
        if (state == State.IDLE) {
            throw new IllegalStateException(NO_OPERATION);
        }
        cancel(op, "host abort");
        return new byte[0];
    }

    // ---- steps ---------------------------------------------------------------------------------

    private void runFreezeScripts(Operation o) {
        for (Path script : o.freezeScripts) {
            int status = runScript(o, script, "freeze");
            synchronized (this) {
                if (op != o || state != State.SCRIPT_FREEZE) {
                    return;
                }
                if (status != 0) {
                    fail(
                            o,
                            VmBackupEvent.error(
                                    VmBackupEvent.SCRIPT_ERROR, status < 0 ? SCRIPT_START_FAILED : SCRIPT_FAILED));
                    return;
                }
                o.scriptsRun.add(script);
            }
        }
        FreezeSession session;
        synchronized (this) {
            if (op != o || state != State.SCRIPT_FREEZE) {
                return;
            }
            if (!o.request.quiesceFS()) {
                state = State.SYNC_FREEZE;
                commit(o);
                return;
            }
            ioFrozen = true;
            state = State.SYNC_FREEZE_WAIT;
            session = freezer.session();
            o.session = session;
            o.frozen = true;
            freezeWorkerBusy = true;
            updateListener();
            o.step = scheduler.schedule(settings.freezeTimeout(), () -> freezeOverran(o));
        }
        IOException failure = null;
        List<String> frozen = List.of();
        try {
            frozen = session.freeze();
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
        }
        synchronized (this) {
            freezeWorkerBusy = false;
            if (op != o || state != State.SYNC_FREEZE_WAIT) {
                thawQuietly(session); // the operation ended while we froze: undo at once
                updateListener();
                return;
            }
            cancelStepTimer(o);
            if (failure != null) {
                LOG.warn("quiesce: freezing failed: {}", failure.getMessage());
                o.frozen = false;
                ioFrozen = false;
                updateListener();
                o.scriptsRun.clear();
                o.scriptsRun.addAll(o.freezeScripts);
                fail(o, VmBackupEvent.error(VmBackupEvent.SYNC_ERROR, FREEZE_FAILED));
                return;
            }
            LOG.info("quiesce: frozen {}", frozen);
            o.froze = !frozen.isEmpty();
            state = State.SYNC_FREEZE;
            commit(o);
        }
    }

    /** Holds the lock. */
    private void commit(Operation o) {
        if (!send(o, VmBackupEvent.COMMIT)) {
            return; // send() already thawed and started the fail scripts
        }
        Duration bound = settings.frozenTimeout();
        o.step = scheduler.schedule(bound, () -> frozenOverran(o, bound));
    }

    private void runThawScripts(Operation o) {
        if (o.froze && o.request.manifest() && manifest != null) {
            writeManifest(o);
        }
        boolean failed = false;
        List<Path> thaw = o.request.execScripts() ? scripts.thawOrder() : List.of();
        for (Path script : thaw) {
            synchronized (this) {
                if (op != o) {
                    return;
                }
            }
            failed |= runScript(o, script, "thaw") != 0;
        }
        synchronized (this) {
            if (op != o || state != State.SCRIPT_THAW) {
                return;
            }
            if (failed) {
                send(o, VmBackupEvent.error(VmBackupEvent.SCRIPT_ERROR, SCRIPT_FAILED));
            }
            finish(o);
        }
    }

    private void runFailScripts(Operation o, List<Path> told) {
        for (int i = told.size() - 1; i >= 0; i--) {
            runScript(o, told.get(i), "freezeFail");
        }
        synchronized (this) {
            if (op == o) {
                finish(o);
            }
        }
    }

    /** Runs one script to its end; -1 when it could not start. Outside the lock. */
    private int runScript(Operation o, Path script, String verb) {
        Process p;
        try {
            p = FreezeScripts.start(script, verb, o.request.scriptArg());
        } catch (IOException e) {
            LOG.warn("quiesce: cannot run {} {}: {}", script, verb, e.getMessage());
            return -1;
        }
        synchronized (this) {
            o.running = p;
        }
        try {
            int status = p.waitFor();
            if (status != 0) {
                LOG.warn("quiesce: {} {} exited with {}", script, verb, status);
            }
            return status;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            synchronized (this) {
                if (o.running == p) {
                    o.running = null;
                }
            }
        }
    }

    // ---- failure paths (all hold the lock) ------------------------------------------------------

    /** Abort, overall bound, close: kill the running step, thaw, report, fail scripts, done. */
    private synchronized void cancel(Operation o, String why) {
        if (op != o || state == State.SCRIPT_ERROR || state == State.IDLE) {
            return;
        }
        LOG.warn("quiesce cancelled: {}", why);
        if (o.running != null) {
            o.running.destroyForcibly();
        }
        boolean thawed = thaw(o);
        if (state != State.SCRIPT_FREEZE) {
            o.scriptsRun.clear();
            o.scriptsRun.addAll(o.freezeScripts);
        }
        fail(o, VmBackupEvent.aborted(thawed ? CANCELED : NOT_CANCELED));
    }

    private synchronized void frozenOverran(Operation o, Duration bound) {
        if (op != o || state != State.SYNC_FREEZE) {
            return;
        }
        LOG.warn("quiesce: no snapshotDone within {} s; thawing", bound.toSeconds());
        thaw(o);
        o.scriptsRun.clear();
        o.scriptsRun.addAll(o.freezeScripts);
        fail(
                o,
                VmBackupEvent.error(
                        VmBackupEvent.SYNC_ERROR,
                        "Filesystems thawed after " + bound.toSeconds() + " s without snapshotDone."));
    }

    private synchronized void freezeOverran(Operation o) {
        if (op != o || state != State.SYNC_FREEZE_WAIT) {
            return;
        }
        long s = settings.freezeTimeout().toSeconds();
        LOG.warn("quiesce: freezing did not finish within {} s; thawing", s);
        thaw(o);
        o.scriptsRun.clear();
        o.scriptsRun.addAll(o.freezeScripts);
        fail(o, VmBackupEvent.error(VmBackupEvent.SYNC_ERROR, "Freezing did not finish within " + s + " s."));
    }

    /** Reports {@code event}, then runs the fail scripts for what was told to freeze, then done. */
    private void fail(Operation o, VmBackupEvent event) {
        state = State.SCRIPT_ERROR;
        cancelStepTimer(o);
        send(o, event);
        if (op != o) {
            return;
        }
        List<Path> told = List.copyOf(o.scriptsRun);
        submit(o, () -> runFailScripts(o, told));
    }

    /** Thaws if frozen; true when nothing is left frozen by a failed thaw. */
    private boolean thaw(Operation o) {
        boolean ok = true;
        if (o.frozen && o.session != null) {
            try {
                o.session.thaw();
                LOG.info("quiesce: thawed");
            } catch (IOException e) {
                LOG.error("quiesce: thaw failed", e);
                ok = false;
            }
        }
        o.frozen = false;
        ioFrozen = false;
        updateListener();
        return ok;
    }

    /** Tells the listener when "may block" changes: frozen, or a freeze worker that may still freeze. */
    private void updateListener() {
        boolean now = ioFrozen || freezeWorkerBusy;
        if (now == held) {
            return;
        }
        held = now;
        try {
            if (now) {
                listener.frozen();
            } else {
                listener.thawed();
            }
        } catch (RuntimeException e) {
            LOG.warn("quiesce: freeze listener failed", e);
        }
    }

    /**
     * After the thaw (§9.3): the manifest, then {@code req.genericManifest 0 <path>}. Outside the lock;
     * a failure is logged and the operation goes on, as in open-vm-tools.
     */
    private void writeManifest(Operation o) {
        try {
            QuiesceManifest.write(manifest);
        } catch (IOException | RuntimeException e) {
            LOG.warn("quiesce: cannot write the manifest {}: {}", manifest, e.toString());
            return;
        }
        synchronized (this) {
            if (op != o || o.broken) {
                return;
            }
            try {
                events.send(
                        new VmBackupEvent("req.genericManifest", VmBackupEvent.SUCCESS, manifest.toString()).command());
            } catch (IOException | RuntimeException e) {
                LOG.info("quiesce: cannot send req.genericManifest ({}); going on", e.getMessage());
            }
        }
    }

    private static void thawQuietly(FreezeSession session) {
        try {
            session.thaw();
        } catch (IOException e) {
            LOG.error("quiesce: thaw failed", e);
        }
    }

    private void finish(Operation o) {
        cancelStepTimer(o);
        if (o.overall != null) {
            o.overall.cancel();
        }
        send(o, VmBackupEvent.DONE);
        if (o.keepAlive != null) {
            o.keepAlive.cancel();
        }
        if (op == o) {
            op = null;
            state = State.IDLE;
        }
    }

    private void cancelStepTimer(Operation o) {
        if (o.step != null) {
            o.step.cancel();
            o.step = null;
        }
    }

    // ---- events ------------------------------------------------------------------------------

    /**
     * Sends an event and re-arms the keep-alive. A failure means the host is gone: thaw at once and end
     * the operation without further events. Holds the lock.
     */
    private boolean send(Operation o, VmBackupEvent event) {
        if (o.broken) {
            return false;
        }
        try {
            events.send(event.command());
        } catch (IOException | RuntimeException e) {
            LOG.warn("quiesce: cannot send {}: {}; thawing", event.name(), e.getMessage());
            o.broken = true;
            if (o.keepAlive != null) {
                o.keepAlive.cancel();
            }
            cancelStepTimer(o);
            if (op == o
                    && (state == State.SCRIPT_FREEZE
                            || state == State.SYNC_FREEZE_WAIT
                            || state == State.SYNC_FREEZE)) {
                // the host is gone: undo everything now, tell the scripts, no more events
                if (o.running != null) {
                    o.running.destroyForcibly();
                }
                thaw(o);
                if (state != State.SCRIPT_FREEZE) {
                    o.scriptsRun.clear();
                    o.scriptsRun.addAll(o.freezeScripts);
                }
                state = State.SCRIPT_ERROR;
                List<Path> told = List.copyOf(o.scriptsRun);
                submit(o, () -> runFailScripts(o, told));
            }
            return false;
        }
        if (o.keepAlive != null) {
            o.keepAlive.cancel();
            o.keepAlive = null;
        }
        if (event != VmBackupEvent.DONE && op == o) {
            o.keepAlive = scheduler.schedule(KEEP_ALIVE, () -> keepAlive(o));
        }
        return true;
    }

    private synchronized void keepAlive(Operation o) {
        if (op == o) {
            send(o, VmBackupEvent.KEEP_ALIVE);
        }
    }

    private void submit(Operation o, Runnable step) {
        try {
            worker.execute(step);
        } catch (RuntimeException e) {
            LOG.error("quiesce: cannot run the next step", e);
            thaw(o);
            if (op == o) {
                finish(o);
            }
        }
    }

    /**
     * Ends a running operation (thawing first, reporting the cancel to the host while the channel is
     * still open), then refuses new ones. Call before the TCLO channel closes.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            Operation o = op;
            if (o != null) {
                cancel(o, "agent stopping");
                if (op == o) {
                    finish(o); // the fail scripts are not waited for: the agent is going away
                }
            }
            closed = true;
        }
        worker.shutdownNow();
        scheduler.shutdown();
    }

    /** Configures {@link VmBackup}. */
    public static final class Builder {
        private final EventSender events;
        private final FileSystemFreezer freezer;
        private FreezeScripts scripts = FreezeScripts.system();
        private VmBackupSettings settings = VmBackupSettings.defaults();
        private Scheduler scheduler;
        private ExecutorService worker;
        private FreezeListener listener = FreezeListener.NONE;
        private Path manifest = QuiesceManifest.DEFAULT_PATH;

        private Builder(EventSender events, FileSystemFreezer freezer) {
            this.events = Objects.requireNonNull(events);
            this.freezer = Objects.requireNonNull(freezer);
        }

        /** The scripts (default {@link FreezeScripts#system()}). */
        public Builder scripts(FreezeScripts s) {
            this.scripts = Objects.requireNonNull(s);
            return this;
        }

        /** The bounds (default {@link VmBackupSettings#defaults()}). */
        public Builder settings(VmBackupSettings s) {
            this.settings = Objects.requireNonNull(s);
            return this;
        }

        /** The timer seam (default {@link Scheduler#daemonThread}). */
        public Builder scheduler(Scheduler s) {
            this.scheduler = Objects.requireNonNull(s);
            return this;
        }

        /** Where scripts and the freeze run (default: daemon threads that end when idle). */
        public Builder worker(ExecutorService w) {
            this.worker = Objects.requireNonNull(w);
            return this;
        }

        /** Told when file systems are frozen and thawed (default: nobody); e.g. to hold the log in memory. */
        public Builder freezeListener(FreezeListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /**
         * Where the quiesce manifest is written when the host asks for one (default {@code
         * /etc/vmware-tools/quiesce_manifest.xml}); {@code null} writes none ({@code [vmbackup]
         * enableXmlManifest=false}).
         */
        public Builder manifest(Path path) {
            this.manifest = path;
            return this;
        }

        /** Builds it; call {@link VmBackup#register} to answer requests. */
        public VmBackup build() {
            return new VmBackup(this);
        }
    }
}
