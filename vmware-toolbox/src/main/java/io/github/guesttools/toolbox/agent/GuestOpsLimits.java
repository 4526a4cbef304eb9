package io.github.guesttools.toolbox.agent;

import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import java.util.Map;

/**
 * The per-user resource limits of guest operations and the TCLO {@code f} switch, from the
 * {@code [hgfs]}, {@code [processes]} and {@code [vix]} sections of the configuration (docs/SECURITY.md, "Limits").
 *
 * @param tcloHgfs answer TCLO {@code f} (HGFS packets from the host, served as the agent's user,
 *     as open-vm-tools does); {@code false} answers it as an unknown command
 * @param hgfsSessionsPerUser HGFS sessions one user may hold (VIX op 84)
 * @param hgfsAgentSessions HGFS sessions of TCLO {@code f}, a quota apart from every user's
 * @param hgfsHandlesPerSession open handles (file descriptors) per HGFS session
 * @param runningPerUser programs and functions one user may have running
 * @param ioHeapPerUser heap bytes of one user's captured program I/O before it spills to disk
 * @param ioHeapTotal heap bytes of all captured program I/O
 * @param ioStoredPerUser bytes of one user's captured program I/O, heap and disk
 * @param ioStoredTotal bytes of all captured program I/O, heap and disk
 * @param vixRequestsPerUser VIX requests one user name may have in progress (each may hold a TCLO worker)
 */
public record GuestOpsLimits(
        boolean tcloHgfs,
        int hgfsSessionsPerUser,
        int hgfsAgentSessions,
        int hgfsHandlesPerSession,
        int runningPerUser,
        long ioHeapPerUser,
        long ioHeapTotal,
        long ioStoredPerUser,
        long ioStoredTotal,
        int vixRequestsPerUser) {

    /** The documented defaults. */
    public static final GuestOpsLimits DEFAULT = new GuestOpsLimits(
            true,
            HgfsServer.Builder.DEFAULT_SESSIONS_PER_USER,
            HgfsServer.Builder.DEFAULT_AGENT_SESSIONS,
            HgfsServer.Builder.DEFAULT_HANDLES_PER_SESSION,
            ProcessManager.Builder.DEFAULT_RUNNING_PER_USER,
            ProcessManager.Builder.DEFAULT_HEAP_PER_USER,
            ProcessManager.Builder.DEFAULT_HEAP_TOTAL,
            ProcessManager.Builder.DEFAULT_STORED_PER_USER,
            ProcessManager.Builder.DEFAULT_STORED_TOTAL,
            VixDispatcher.DEFAULT_REQUESTS_PER_USER);

    /**
     * Takes (removes) this record's keys from {@code s}.
     *
     * @throws IllegalArgumentException for a bad value
     */
    static GuestOpsLimits take(Map<String, String> s) {
        GuestOpsLimits d = DEFAULT;
        GuestOpsLimits l = new GuestOpsLimits(
                AgentConfig.bool(AgentConfig.take(s, "hgfs.tclo", "true"), "hgfs.tclo"),
                (int) number(s, "hgfs.sessionsPerUser", d.hgfsSessionsPerUser, Integer.MAX_VALUE),
                (int) number(s, "hgfs.agentSessions", d.hgfsAgentSessions, Integer.MAX_VALUE),
                (int) number(s, "hgfs.handlesPerSession", d.hgfsHandlesPerSession, Integer.MAX_VALUE),
                (int) number(s, "processes.runningPerUser", d.runningPerUser, Integer.MAX_VALUE),
                number(s, "processes.ioHeapPerUser", d.ioHeapPerUser, Long.MAX_VALUE),
                number(s, "processes.ioHeapTotal", d.ioHeapTotal, Long.MAX_VALUE),
                number(s, "processes.ioStoredPerUser", d.ioStoredPerUser, Long.MAX_VALUE),
                number(s, "processes.ioStoredTotal", d.ioStoredTotal, Long.MAX_VALUE),
                (int) number(s, "vix.requestsPerUser", d.vixRequestsPerUser, Integer.MAX_VALUE));
        if (l.ioHeapTotal < l.ioHeapPerUser || l.ioStoredTotal < l.ioStoredPerUser) {
            throw new IllegalArgumentException("processes.io*Total must not be below the per-user value");
        }
        return l;
    }

    private static long number(Map<String, String> s, String key, long fallback, long max) {
        String v = s.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number from 1 to " + max + ", not " + v);
    }
}
