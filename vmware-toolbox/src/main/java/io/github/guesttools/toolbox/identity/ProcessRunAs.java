package io.github.guesttools.toolbox.identity;

import io.github.guesttools.toolbox.posix.Posix;

/** Holds the one {@link RunAs} strategy (and worker pool) of this process. */
final class ProcessRunAs {
    static final RunAs INSTANCE = Posix.geteuid() == 0 && Posix.threadCredentialsSupported()
            ? new ThreadCredentialRunAs(4) : new CurrentUserRunAs(GuestUser.current());

    private ProcessRunAs() {
    }
}
