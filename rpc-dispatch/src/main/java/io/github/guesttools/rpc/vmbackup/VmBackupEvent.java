package io.github.guesttools.rpc.vmbackup;

/**
 * A {@code vmbackup.eventSet <event> <code> <text>} message ({@code docs/protocols/vmbackup.md} §3).
 *
 * @param name the event name
 * @param code the status code
 * @param text the text, possibly empty (the command then ends with a space)
 */
public record VmBackupEvent(String name, int code, String text) {
    /** Code: success. */
    public static final int SUCCESS = 0;
    /** Code: a script failed or could not start. */
    public static final int SCRIPT_ERROR = 2;
    /** Code: freezing, thawing or the failsafe. */
    public static final int SYNC_ERROR = 3;
    /** Code: cancelled. */
    public static final int REMOTE_ABORT = 4;

    /** {@code reset 0}. */
    public static final VmBackupEvent RESET = new VmBackupEvent("reset", SUCCESS, "");
    /** {@code prov.snapshotCommit 0}: frozen, take the snapshot now. */
    public static final VmBackupEvent COMMIT = new VmBackupEvent("prov.snapshotCommit", SUCCESS, "");
    /** {@code req.done 0}: the operation is over. */
    public static final VmBackupEvent DONE = new VmBackupEvent("req.done", SUCCESS, "");
    /** {@code req.keepAlive 0}. */
    public static final VmBackupEvent KEEP_ALIVE = new VmBackupEvent("req.keepAlive", SUCCESS, "");

    /** {@code req.error <code> <text>}. */
    public static VmBackupEvent error(int code, String text) {
        return new VmBackupEvent("req.error", code, text);
    }

    /** {@code req.aborted 4 <text>}. */
    public static VmBackupEvent aborted(String text) {
        return new VmBackupEvent("req.aborted", REMOTE_ABORT, text);
    }

    /** The RPCI command text (the NUL is added when sending). */
    public String command() {
        return "vmbackup.eventSet " + name + " " + code + " " + text;
    }
}
