package io.github.guesttools.rpc.tool;

/**
 * The status a command's main exits with. Under the guest-tools launcher (property
 * {@code guest.tools.exit.offset=64}) it is shifted by 64, so that the launcher can tell the
 * command's statuses from the JVM's own start failures, which exit 1 like a command's "not found",
 * and report those as errors instead.
 */
public final class ExitStatus {
    private ExitStatus() {}

    /** {@code status}, shifted for the launcher when it asked for that. */
    public static int forLauncher(int status) {
        return "64".equals(System.getProperty("guest.tools.exit.offset")) ? status + 64 : status;
    }
}
