package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import io.github.guesttools.identity.IoAction;
import io.github.guesttools.identity.RunAs;
import io.github.guesttools.process.internal.posix.Posix;
import io.github.guesttools.process.internal.procfs.ProcEntry;
import io.github.guesttools.process.internal.procfs.ProcFs;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * TerminateProcess for OS processes. A program this manager started dies with its whole tree: the
 * tree is first frozen with SIGSTOP, re-scanning {@code /proc} until no new descendant appears
 * (a stopped process cannot fork, so nothing escapes between scan and kill), then every member
 * gets SIGKILL. Any other pid gets SIGKILL alone. SIGKILL rather than TERM-then-KILL because VIX
 * has no grace period to offer and a reply must not wait for one. Every signal is sent through the
 * identity layer as the user, so the kernel's own {@code kill(2)} rule decides, not this agent's.
 */
final class Termination {
    private static final int MAX_FREEZE_ROUNDS = 64;

    private final ProcFs procFs;
    private final long agentPid = ProcessHandle.current().pid();
    private final RunAs runAs;

    Termination(ProcFs procFs, RunAs runAs) {
        this.procFs = procFs;
        this.runAs = runAs;
    }

    /** Kills a tracked program and its descendants that the user may signal. */
    void killTree(long pid, Account user) throws ProcessException {
        Set<Long> frozen = new LinkedHashSet<>();
        signal(user, pid, Posix.SIGSTOP);
        frozen.add(pid);
        for (int round = 0; round < MAX_FREEZE_ROUNDS; round++) {
            boolean grew = false;
            for (long child : procFs.descendants(pid)) {
                if (!frozen.contains(child) && child != agentPid && maySignal(user, child)) {
                    asUser(user, () -> Posix.kill(child, Posix.SIGSTOP));
                    frozen.add(child);
                    grew = true;
                }
            }
            if (!grew) {
                break;
            }
        }
        asUser(user, () -> {
            for (long member : frozen) {
                Posix.kill(member, Posix.SIGKILL);
            }
            return null;
        });
    }

    /** Kills one OS process that this manager did not start. */
    void kill(long pid, Account user) throws ProcessException {
        if (pid == agentPid) {
            throw new PermissionDeniedException("refusing to kill the tools agent itself");
        }
        Optional<ProcEntry> target = procFs.read(pid);
        if (target.isEmpty()) {
            throw new NoSuchProcessException("no such process: " + pid);
        }
        if (!maySignal(user, target.get())) {
            throw new PermissionDeniedException(user.name() + " may not signal process " + pid);
        }
        signal(user, pid, Posix.SIGKILL);
    }

    private boolean maySignal(Account user, long pid) {
        return procFs.read(pid).map(entry -> maySignal(user, entry)).orElse(false);
    }

    /** The kernel's rule for kill(2), applied for the user rather than for this agent. */
    static boolean maySignal(Account user, ProcEntry target) {
        return user.isRoot() || user.uid() == target.realUid() || user.uid() == target.savedUid();
    }

    private <T> T asUser(Account user, IoAction<T> action) throws ProcessException {
        try {
            return runAs.run(user, action);
        } catch (IOException e) {
            throw new PermissionDeniedException("cannot act as " + user.name() + ": " + e.getMessage()).causedBy(e);
        }
    }

    private void signal(Account user, long pid, int signal) throws ProcessException {
        int errno = asUser(user, () -> Posix.kill(pid, signal));
        if (errno == Posix.ESRCH) {
            throw new NoSuchProcessException("no such process: " + pid);
        }
        if (errno == Posix.EPERM) {
            throw new PermissionDeniedException("not permitted to signal process " + pid);
        }
        if (errno != 0) {
            throw new ProcessStartException("kill(" + pid + ") failed with errno " + errno);
        }
    }
}
