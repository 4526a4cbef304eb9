package io.github.guesttools.process;

import java.time.Instant;

/** One row of the process table: a program or a function this manager started. */
final class TrackedProcess {
    final long pid;
    final String command;
    final String commandLine;
    final String owner;
    final int ownerUid;
    final Instant started;
    final boolean function;
    /** Null unless started with I/O capture. */
    final IoCapture io;

    private Thread thread;
    private boolean cancelled;
    private Instant ended;
    private int exitCode;

    TrackedProcess(
            long pid,
            String command,
            String commandLine,
            String owner,
            int ownerUid,
            Instant started,
            boolean function,
            IoCapture io) {
        this.pid = pid;
        this.command = command;
        this.commandLine = commandLine;
        this.owner = owner;
        this.ownerUid = ownerUid;
        this.started = started;
        this.function = function;
        this.io = io;
    }

    /** Records the end; only the first call counts. */
    synchronized void finish(int code, Instant at) {
        if (ended == null) {
            exitCode = code;
            ended = at;
        }
    }

    synchronized boolean running() {
        return ended == null;
    }

    /** The end time, or null while running. */
    synchronized Instant ended() {
        return ended;
    }

    synchronized ProcessInfo info() {
        return new ProcessInfo(
                pid,
                command,
                commandLine,
                owner,
                started.getEpochSecond(),
                ended == null ? 0 : exitCode,
                ended == null ? 0 : Math.max(1, ended.getEpochSecond()));
    }

    /** Binds the function's thread; interrupts it at once if a cancel came first. */
    synchronized void bindThread(Thread t) {
        thread = t;
        if (cancelled) {
            t.interrupt();
        }
    }

    synchronized void unbindThread() {
        thread = null;
    }

    /** Asks a function to stop by interrupting its thread. */
    synchronized void cancel() {
        cancelled = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    synchronized boolean cancelled() {
        return cancelled;
    }
}
