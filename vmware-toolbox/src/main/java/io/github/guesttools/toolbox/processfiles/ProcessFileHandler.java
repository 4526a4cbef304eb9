package io.github.guesttools.toolbox.processfiles;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.AttributeChanges;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.TransferPath;
import io.github.guesttools.identity.Account;
import io.github.guesttools.process.CapturedOutput;
import io.github.guesttools.process.NoSuchProcessException;
import io.github.guesttools.process.ProcessException;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.process.RetryLaterException;
import io.github.guesttools.process.StdStream;
import io.github.guesttools.process.StdinSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves {@code /proc/<pid>/stdin|stdout|stderr} of processes started with I/O capture
 * ({@code docs/protocols/process.md} §8); register it under {@link #SCHEME}. Everything else under {@code /proc}
 * is "not found" here, so the server's local handler serves the real procfs file with the size
 * trick.
 *
 * <ul>
 *   <li>stdout/stderr: while the process runs (after waiting up to the manager's I/O wait),
 *       {@link HgfsException#retryLater} (VIX 13, which clients retry); once it ended, a
 *       read-only file of exactly the captured size.
 *   <li>stdin: a write-only file (mode 0200); closing the handle closes the process's stdin.
 *   <li>wrong direction: {@code ACCESS_DENIED}; someone else's process: {@code ACCESS_DENIED}.
 * </ul>
 *
 * <p>Access is checked against the request's {@link Caller#account()}, which the server passes from
 * {@code HgfsServer.handle(Caller, byte[])}; the methods without a caller act as {@link
 * Caller#AGENT}.
 *
 * <pre>{@code
 * HgfsServer server = HgfsServer.builder()
 *     .handler(ProcessFileHandler.SCHEME, new ProcessFileHandler(processes))
 *     .build();
 * byte[] reply = server.handle(Caller.of(alice), request);
 * }</pre>
 */
public final class ProcessFileHandler implements FileHandler {
    /** The scheme this handler serves: the first path segment, {@code proc}. */
    public static final String SCHEME = "proc";

    private static final int READ_ONLY = 0400;
    private static final int WRITE_ONLY = 0200;
    private static final int READ = 4;
    private static final int WRITE = 2;

    private final ProcessManager processes;
    private final Path procRoot;

    /**
     * Creates the handler.
     *
     * @param processes the manager whose processes are served
     */
    public ProcessFileHandler(ProcessManager processes) {
        this(processes, Path.of("/proc"));
    }

    ProcessFileHandler(ProcessManager processes, Path procRoot) {
        this.processes = Objects.requireNonNull(processes);
        this.procRoot = procRoot;
    }

    @Override
    public FileAttributes stat(TransferPath path) throws HgfsException {
        return stat(Caller.AGENT, path);
    }

    @Override
    public OpenFile open(TransferPath path, OpenOptions options) throws HgfsException {
        return open(Caller.AGENT, path, options);
    }

    @Override
    public FileAttributes stat(Caller caller, TransferPath path) throws HgfsException {
        IoPath io = resolve(path);
        Account user = caller.account();
        try {
            if (io.stream() == StdStream.STDIN) {
                StdinSink sink = processes.openStdin(io.pid(), user);
                return FileAttributes.virtual(sink.size(), WRITE_ONLY, WRITE, Instant.now());
            }
            CapturedOutput output = processes.openOutput(io.pid(), io.stream(), user);
            return FileAttributes.virtual(output.size(), READ_ONLY, READ, Instant.now());
        } catch (ProcessException e) {
            throw translate(path, e);
        }
    }

    @Override
    public OpenFile open(Caller caller, TransferPath path, OpenOptions options) throws HgfsException {
        IoPath io = resolve(path);
        Account user = caller.account();
        boolean stdin = io.stream() == StdStream.STDIN;
        if (stdin != (options.access() == OpenOptions.Access.WRITE)) {
            throw new HgfsException(
                    HgfsStatus.ACCESS_DENIED, path.name() + " is " + (stdin ? "write-only" : "read-only"));
        }
        try {
            if (stdin) {
                return new StdinFile(processes.openStdin(io.pid(), user));
            }
            return new CapturedOutputFile(processes.openOutput(io.pid(), io.stream(), user));
        } catch (ProcessException e) {
            throw translate(path, e);
        }
    }

    /**
     * Accepts and ignores attribute changes of a tracked process's I/O files, even once stdin is
     * closed: the VMX sends SetattrV2 around the CLOSE of an upload and must not fail it.
     */
    @Override
    public void setAttributes(TransferPath path, AttributeChanges changes) throws HgfsException {
        resolve(path);
    }

    private IoPath resolve(TransferPath path) throws HgfsException {
        Optional<IoPath> io = IoPath.parse(path.path());
        if (io.isEmpty()
                || Files.exists(procRoot.resolve(path.path().substring(1)))
                || !processes.hasCapturedIo(io.get().pid())) {
            // a real procfs file, or not ours: the local handler serves the original name
            throw HgfsException.notFound(path.name());
        }
        return io.get();
    }

    private static HgfsException translate(TransferPath path, ProcessException e) {
        if (e instanceof RetryLaterException) {
            return HgfsException.retryLater(e.getMessage());
        }
        if (e instanceof NoSuchProcessException) {
            return HgfsException.notFound(path.name());
        }
        return new HgfsException(HgfsStatus.ACCESS_DENIED, e.getMessage(), e);
    }
}
