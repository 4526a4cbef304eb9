package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import io.github.guesttools.process.internal.posix.Posix;
import io.github.guesttools.process.internal.procfs.ProcEntry;
import io.github.guesttools.process.internal.procfs.ProcFs;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Guest processes this manager did not start, as listing rows. */
final class SystemProcesses {
    private final ProcFs procFs;
    private final long bootTime;
    private final long ticksPerSecond;

    SystemProcesses(ProcFs procFs) {
        this.procFs = procFs;
        this.bootTime = procFs.bootTimeSeconds();
        this.ticksPerSecond = Posix.clockTicksPerSecond();
    }

    /** A listing row for the pid, if such a process exists. */
    Optional<ProcessInfo> find(long pid, Map<Integer, String> userNames) {
        return procFs.read(pid).map(entry -> info(entry, userNames));
    }

    /** A cache for owner names, to share across one listing. */
    static Map<Integer, String> nameCache() {
        return new HashMap<>();
    }

    private ProcessInfo info(ProcEntry entry, Map<Integer, String> userNames) {
        String owner = userNames.computeIfAbsent(entry.realUid(), this::userName);
        return new ProcessInfo(
                entry.pid(),
                entry.shortName(),
                entry.commandLine(),
                owner,
                bootTime + entry.startTicks() / ticksPerSecond,
                0,
                0);
    }

    private String userName(int uid) {
        return Account.byUid(uid).map(Account::name).orElse(Integer.toString(uid));
    }
}
