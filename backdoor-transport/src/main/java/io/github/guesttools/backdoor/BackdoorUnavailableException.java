package io.github.guesttools.backdoor;

/**
 * The native backdoor refuses to execute port instructions here, because CPUID does not report
 * VMware (a port instruction outside VMware would kill the JVM with SIGSEGV), or because the native
 * helper cannot be loaded on this platform.
 */
public class BackdoorUnavailableException extends BackdoorException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public BackdoorUnavailableException(String message) {
        super(message);
    }

    /** Creates the exception with a message and a cause. */
    public BackdoorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
