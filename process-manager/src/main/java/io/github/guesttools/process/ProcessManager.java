package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import io.github.guesttools.identity.AgentThreadFactory;
import io.github.guesttools.identity.RunAs;
import io.github.guesttools.process.internal.buffer.ByteBudget;
import io.github.guesttools.process.internal.buffer.SpillFiles;
import io.github.guesttools.process.internal.posix.Posix;
import io.github.guesttools.process.internal.procfs.ProcFs;
import io.github.guesttools.process.internal.user.LoginEnvironment;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, tracks, lists and kills guest programs and Java functions on behalf of authenticated
 * users: the semantics behind VIX StartProgram, ListProcessesEx, TerminateProcess and
 * ReadEnvironmentVariables ({@code docs/protocols/process.md}), plus the {@code /proc/<pid>/stdin|stdout|stderr}
 * I/O files. Users are given as resolved {@link Account}s; the VIX layer authenticates them
 * first and nothing here looks a name up again.
 *
 * <p>Per user, at most {@link Builder#maxRunningPerUser} programs and functions run at once (more
 * get {@link TooManyProcessesException}, VIX 5), and captured I/O shares a heap budget (beyond it
 * buffers spill to disk) and a stored-bytes budget (beyond it output is dropped and marked
 * truncated), both inside overall budgets, so one user cannot take the agent's heap, disk or
 * threads from the others. A program holds one thread of its own, the JDK's reaper; one shared
 * thread moves every program's captured output ({@link OutputPoller}), and a stdin feeder runs
 * only once stdin is opened.
 *
 * <pre>{@code
 * try (ProcessManager processes = ProcessManager.builder().build()) {
 *   Account alice = Account.lookup("alice").orElseThrow();
 *   long pid = processes.start(StartRequest.of(alice, "/bin/sleep", "10"));
 *   String xml = ProcessXml.format(processes.list(List.of(pid)));
 *   processes.kill(pid, alice);
 * }
 * }</pre>
 */
public final class ProcessManager implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessManager.class);
    private static final AtomicLong THREAD_IDS = new AtomicLong();

    private final Clock clock;
    private final int agentUid;
    private final Duration ioWait;
    private final Map<String, GuestFunction> functions;
    private final ProcessTable table;
    private final ProgramStarter programs;
    private final FunctionStarter functionStarter;
    private final Termination termination;
    private final SystemProcesses system;
    private final Path spillDirectory;
    private final int memoryLimit;
    private final long sizeLimit;
    private final ExecutorService threads;
    private final AgentThreadFactory threadFactory;
    private final ScheduledExecutorService expiry;
    private final ThreadPoolExecutor agentIdentity;
    private final OutputPoller output;
    private final SpillFiles spillFiles;
    private final int maxRunningPerUser;
    private final long heapPerUser;
    private final long storedPerUser;
    private final ByteBudget heapTotal;
    private final ByteBudget storedTotal;
    private final Map<String, ByteBudget[]> userBudgets = new ConcurrentHashMap<>();

    private ProcessManager(Builder b) throws IOException {
        this.clock = b.clock;
        this.agentUid = b.agentUid;
        this.ioWait = b.ioWait;
        this.functions = Map.copyOf(b.functions);
        ProcFs procFs = new ProcFs();
        this.table = new ProcessTable(b.maxTracked, b.retention, new PseudoPids(procFs.pidMax(), b.maxTracked));
        Files.createDirectories(b.spillParent);
        this.spillDirectory = Files.createTempDirectory(
                b.spillParent,
                "guest-process-io-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.memoryLimit = b.memoryLimit;
        this.sizeLimit = b.sizeLimit;
        // Pool threads are started by the agent's identity even when a user's request (a stdin open
        // on a RunAs worker) makes the pool grow: a thread inherits its creator's credentials.
        this.threadFactory = new AgentThreadFactory("guest-process-");
        this.threads = Executors.newCachedThreadPool(threadFactory);
        // Started now, by the thread that builds the manager (the agent's identity): spill files are
        // made and deleted there even when a user's stdin upload triggers it.
        this.agentIdentity = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), ProcessManager::daemon);
        agentIdentity.prestartAllCoreThreads();
        this.spillFiles = SpillFiles.on(agentIdentity);
        this.maxRunningPerUser = b.maxRunningPerUser;
        this.heapPerUser = b.heapPerUser;
        this.storedPerUser = b.storedPerUser;
        this.heapTotal = new ByteBudget(b.heapTotal, null);
        this.storedTotal = new ByteBudget(b.storedTotal, null);
        this.output = new OutputPoller(threads, "guest-process-output");
        this.programs = new ProgramStarter(new Launcher(agentUid), clock, threads, this::newCapture, output, b.runAs);
        this.functionStarter = new FunctionStarter(clock, threads);
        this.termination = new Termination(procFs, b.runAs);
        this.system = new SystemProcesses(procFs);
        this.expiry = Executors.newSingleThreadScheduledExecutor(ProcessManager::daemon);
        long every = b.expiryInterval.toMillis();
        expiry.scheduleWithFixedDelay(this::expireQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** A builder with the defaults of {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a program or a registered function (VIX op 185). The entry is in the table when this
     * returns, so even a program that exits at once is listed.
     *
     * @return the pid: the program's own OS pid (bash execs a simple command), or a pseudo-pid
     * @throws ProgramNotFoundException missing program or relative path (VIX 4)
     * @throws PermissionDeniedException not executable by the user, or this agent cannot act as the
     *     user (VIX 3015)
     * @throws NotADirectoryException bad working directory (VIX 20002)
     * @throws InvalidArgumentException a NUL in a field, or a malformed environment entry (VIX 3)
     */
    public long start(StartRequest request) throws ProcessException {
        for (String field : List.of(request.programPath(), request.arguments(), request.workingDirectory())) {
            if (field.indexOf('\0') >= 0) {
                // no OS interface can carry a NUL inside a path or argument
                throw new InvalidArgumentException("NUL character in the request");
            }
        }
        expire();
        Account user = actAs(request.user());
        release(table.reserve(quotaKey(user), maxRunningPerUser));
        TrackedProcess entry;
        try {
            GuestFunction function = functions.get(request.programPath());
            entry = function != null ? startFunction(function, request, user) : programs.start(request, user);
        } catch (ProcessException | RuntimeException e) {
            table.unreserve(quotaKey(user));
            throw e;
        }
        TrackedProcess displaced = table.add(entry);
        if (displaced != null) {
            release(List.of(displaced));
        }
        return entry.pid;
    }

    private TrackedProcess startFunction(GuestFunction function, StartRequest request, Account user)
            throws ProcessException {
        long pid = table.allocatePseudoPid();
        try {
            TrackedProcess entry = functionStarter.entry(pid, request.programPath(), request, user, newCapture(user));
            functionStarter.run(entry, function, request.arguments());
            return entry;
        } catch (RuntimeException e) {
            table.releasePseudoPid(pid);
            throw e;
        }
    }

    /**
     * Lists processes (VIX op 186): with no pids, everything this manager started (running, or ended
     * within the retention time), in start order; with pids, those of them it started, then any
     * other guest process among them, read from {@code /proc}. Unknown pids are left out.
     */
    public List<ProcessInfo> list(Collection<Long> pids) {
        expire();
        List<ProcessInfo> rows = new ArrayList<>();
        Set<Long> wanted = new LinkedHashSet<>(pids);
        for (TrackedProcess entry : table.snapshot()) {
            if (wanted.isEmpty() || wanted.contains(entry.pid)) {
                rows.add(entry.info());
            }
        }
        Set<Long> listed = new LinkedHashSet<>();
        rows.forEach(row -> listed.add(row.pid()));
        Map<Integer, String> names = SystemProcesses.nameCache();
        for (long pid : wanted) {
            if (!listed.contains(pid) && !table.isPseudoPid(pid)) {
                system.find(pid, names).ifPresent(rows::add);
            }
        }
        return rows;
    }

    /**
     * Terminates a process (VIX op 193): a program this manager started dies with its descendants,
     * a function is interrupted, any other OS process is killed if the user may signal it.
     *
     * @throws NoSuchProcessException unknown or already ended pid (VIX 20003)
     * @throws PermissionDeniedException the user may not signal it, or it is this agent (VIX 3015)
     */
    public void kill(long pid, Account user) throws ProcessException {
        expire();
        Account account = actAs(user);
        TrackedProcess entry = table.get(pid);
        if (entry == null) {
            if (table.isPseudoPid(pid)) {
                throw new NoSuchProcessException("no such process: " + pid);
            }
            termination.kill(pid, account);
            return;
        }
        if (!entry.running()) {
            // Its pid may already belong to another process: never signal it.
            throw new NoSuchProcessException("process " + pid + " has already ended");
        }
        requireOwner(entry, account);
        if (entry.function) {
            entry.cancel();
        } else {
            termination.killTree(pid, account);
        }
    }

    /**
     * The user's login environment (VIX op 187): every variable when {@code names} is empty,
     * otherwise those of the names that have a value, in the order asked.
     */
    public Map<String, String> readEnvironment(Collection<String> names, Account user) throws ProcessException {
        Map<String, String> all = LoginEnvironment.of(actAs(user));
        if (names.isEmpty()) {
            return all;
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : names) {
            String value = all.get(name);
            if (value != null) {
                selected.put(name, value);
            }
        }
        return selected;
    }

    /**
     * The final stdout or stderr of a process started with I/O capture, waiting up to the I/O wait
     * time (1 s by default) for it to end.
     *
     * @throws NoSuchProcessException not a tracked process with captured I/O: "does not exist"
     * @throws RetryLaterException it still runs (VIX 13: clients retry)
     * @throws InvalidArgumentException {@code stream} is stdin
     * @throws PermissionDeniedException the process belongs to someone else
     */
    public CapturedOutput openOutput(long pid, StdStream stream, Account user) throws ProcessException {
        if (stream == StdStream.STDIN) {
            throw new InvalidArgumentException("stdin is write-only");
        }
        TrackedProcess entry = captured(pid, user);
        try {
            entry.io.complete.get(ioWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RetryLaterException("process " + pid + " is still running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for process " + pid);
        } catch (ExecutionException e) {
            throw new IllegalStateException("completion never fails", e);
        }
        return new CapturedOutput(entry.io.output(stream));
    }

    /**
     * The write end of the stdin of a running process started with I/O capture.
     *
     * @throws NoSuchProcessException not such a process, or its stdin was already closed
     * @throws PermissionDeniedException the process belongs to someone else
     */
    public StdinSink openStdin(long pid, Account user) throws ProcessException {
        TrackedProcess entry = captured(pid, user);
        if (entry.io.stdin.isFinished() || !entry.running()) {
            throw new NoSuchProcessException("stdin of process " + pid + " is closed");
        }
        entry.io.startFeeder(threads);
        return new StdinSink(entry.io.stdin);
    }

    /** True if the pid is a tracked process with captured I/O (whoever owns it). */
    public boolean hasCapturedIo(long pid) {
        TrackedProcess entry = table.get(pid);
        return entry != null && entry.io != null;
    }

    /** Drops entries whose retention time has passed and deletes their buffers. */
    public void expire() {
        release(table.expire(clock.instant()));
    }

    /**
     * Stops background work and deletes all buffers. Functions are interrupted; OS programs keep
     * running (they are the guest's now).
     */
    @Override
    public void close() throws IOException {
        expiry.shutdownNow();
        List<TrackedProcess> all = table.clear();
        all.stream().filter(e -> e.function).forEach(TrackedProcess::cancel);
        release(all);
        threads.shutdown();
        agentIdentity.shutdown();
        threadFactory.close();
        output.close();
        try (var files = Files.list(spillDirectory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(spillDirectory);
    }

    private TrackedProcess captured(long pid, Account user) throws ProcessException {
        expire();
        TrackedProcess entry = table.get(pid);
        if (entry == null || entry.io == null) {
            throw new NoSuchProcessException("no process with captured I/O: " + pid);
        }
        requireOwner(entry, actAs(user));
        return entry;
    }

    private Account actAs(Account account) throws ProcessException {
        if (agentUid != 0 && account.uid() != agentUid) {
            throw new PermissionDeniedException("the agent does not run as root and can only act as uid " + agentUid);
        }
        return account;
    }

    private static void requireOwner(TrackedProcess entry, Account user) throws PermissionDeniedException {
        if (!user.isRoot() && user.uid() != entry.ownerUid) {
            throw new PermissionDeniedException(
                    "process " + entry.pid + " belongs to " + entry.owner + ", not " + user.name());
        }
    }

    /**
     * Whose quota a process counts against: the user name. The one place to change when callers
     * pass a resolved account.
     */
    static String quotaKey(Account user) {
        return user.name();
    }

    private IoCapture newCapture(Account user) {
        ByteBudget[] budgets = userBudgets.computeIfAbsent(quotaKey(user), k ->
                new ByteBudget[] {new ByteBudget(heapPerUser, heapTotal), new ByteBudget(storedPerUser, storedTotal)});
        return new IoCapture(spillDirectory, memoryLimit, sizeLimit, budgets[0], budgets[1], spillFiles);
    }

    private void expireQuietly() {
        try {
            expire();
        } catch (RuntimeException e) {
            LOG.warn("expiring process entries failed", e);
        }
    }

    private static void release(List<TrackedProcess> entries) {
        for (TrackedProcess entry : entries) {
            if (entry.io != null) {
                try {
                    entry.io.close();
                } catch (IOException e) {
                    LOG.warn("cannot delete I/O buffers of process {}", entry.pid, e);
                }
            }
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "guest-process-" + THREAD_IDS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** Settings for a {@link ProcessManager}. */
    public static final class Builder {
        /** Default programs and functions one user may have running at once. */
        public static final int DEFAULT_RUNNING_PER_USER = 128;
        /** Default heap for all captured I/O: a quarter of the JVM's heap, at most 48 MiB. */
        public static final long DEFAULT_HEAP_TOTAL =
                Math.min(48L << 20, Runtime.getRuntime().maxMemory() / 4);
        /**
         * Default heap for one user's captured I/O (beyond it, buffers spill to disk): 16 MiB, at most
         * the overall default.
         */
        public static final long DEFAULT_HEAP_PER_USER = Math.min(16L << 20, DEFAULT_HEAP_TOTAL);
        /** Default bytes of captured I/O one user may hold, heap and disk (beyond it, dropped). */
        public static final long DEFAULT_STORED_PER_USER = 2L << 30;
        /** Default bytes of captured I/O held for everyone, heap and disk. */
        public static final long DEFAULT_STORED_TOTAL = 8L << 30;

        private Clock clock = Clock.systemUTC();
        private RunAs runAs;
        private int agentUid = -1;
        private Duration retention = Duration.ofMinutes(5);
        private Duration ioWait = Duration.ofSeconds(1);
        private Duration expiryInterval = Duration.ofSeconds(30);
        private int maxTracked = 4096;
        private int memoryLimit = 4 * 1024 * 1024;
        private long sizeLimit = 1L << 30;
        private int maxRunningPerUser = DEFAULT_RUNNING_PER_USER;
        private long heapPerUser = DEFAULT_HEAP_PER_USER;
        private long heapTotal = DEFAULT_HEAP_TOTAL;
        private long storedPerUser = DEFAULT_STORED_PER_USER;
        private long storedTotal = DEFAULT_STORED_TOTAL;
        private Path spillParent = Path.of(System.getProperty("java.io.tmpdir"));
        private final Map<String, GuestFunction> functions = new LinkedHashMap<>();

        private Builder() {}

        /** The clock for start, end and expiry times (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How long ended processes stay listed (default 5 minutes, as vSphere expects). */
        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention);
            return this;
        }

        /** How long reading stdout/stderr waits for the process to end (default 1 s). */
        public Builder ioWait(Duration wait) {
            this.ioWait = Objects.requireNonNull(wait);
            return this;
        }

        /** How often expired entries are dropped in the background (default 30 s). */
        public Builder expiryInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("interval must be positive");
            }
            this.expiryInterval = interval;
            return this;
        }

        /** Most processes tracked at once, running or ended (default 4096). */
        public Builder maxTracked(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be positive");
            }
            this.maxTracked = max;
            return this;
        }

        /**
         * Captured bytes per stream kept on the heap before spilling to a private temp file (default
         * 4 MiB), and the most kept per stream in total (default 1 GiB; later bytes are dropped).
         */
        public Builder ioLimits(int memoryBytes, long totalBytes) {
            if (memoryBytes < 0 || totalBytes < memoryBytes) {
                throw new IllegalArgumentException("need 0 <= memoryBytes <= totalBytes");
            }
            this.memoryLimit = memoryBytes;
            this.sizeLimit = totalBytes;
            return this;
        }

        /**
         * Programs and functions one user may have running at once (default {@value
         * #DEFAULT_RUNNING_PER_USER}); one more gets {@link TooManyProcessesException}.
         */
        public Builder maxRunningPerUser(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be positive");
            }
            this.maxRunningPerUser = max;
            return this;
        }

        /**
         * Captured I/O held on the heap per user and overall (default 16 MiB and a quarter of the
         * heap, at most 48 MiB; beyond them a
         * buffer spills to disk at once), and held at all, heap and disk, per user and overall
         * (default 2 GiB and 8 GiB; beyond them output is dropped and marked truncated).
         */
        public Builder ioBudgets(long heapPerUser, long heapTotal, long storedPerUser, long storedTotal) {
            if (heapPerUser < 0 || heapTotal < heapPerUser || storedPerUser < 0 || storedTotal < storedPerUser) {
                throw new IllegalArgumentException("need 0 <= per user <= total");
            }
            this.heapPerUser = heapPerUser;
            this.heapTotal = heapTotal;
            this.storedPerUser = storedPerUser;
            this.storedTotal = storedTotal;
            return this;
        }

        /** Where the private spill directory (mode 0700) is created (default java.io.tmpdir). */
        public Builder spillDirectoryParent(Path parent) {
            this.spillParent = Objects.requireNonNull(parent);
            return this;
        }

        /** Overrides the effective uid this manager believes it has (tests of the non-root rules). */
        Builder agentUid(int uid) {
            this.agentUid = uid;
            return this;
        }

        /**
         * How signals are sent as the user (default: {@link RunAs#forThisProcess()}, the process's
         * one identity layer).
         */
        public Builder runAs(RunAs runAs) {
            this.runAs = Objects.requireNonNull(runAs);
            return this;
        }

        /**
         * Registers a function started by StartProgram with {@code name} as program path. Names must
         * not start with {@code /}, so they never hide a real program.
         */
        public Builder function(String name, GuestFunction function) {
            if (name.isEmpty() || name.startsWith("/")) {
                throw new IllegalArgumentException("function names must not be empty or start with /");
            }
            functions.put(name, Objects.requireNonNull(function));
            return this;
        }

        /**
         * Enables the TCP relay {@code http.RoundTrip} ({@code docs/protocols/process.md} §10). Off by default: it
         * lets every user with guest-operation rights open TCP connections from inside the guest.
         */
        public Builder enableTcpRelay() {
            return function(TcpRelay.NAME, new TcpRelay());
        }

        /** Creates the manager and its private spill directory. */
        public ProcessManager build() {
            if (agentUid < 0) {
                agentUid = Posix.effectiveUid();
            }
            if (runAs == null) {
                runAs = RunAs.forThisProcess();
            }
            try {
                return new ProcessManager(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the spill directory", e);
            }
        }
    }
}
