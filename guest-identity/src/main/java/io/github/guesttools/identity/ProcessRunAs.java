package io.github.guesttools.identity;

import io.github.guesttools.identity.internal.Posix;

/** Holds the one {@link RunAs} strategy (and worker pool) of this process. */
final class ProcessRunAs {
    static final RunAs INSTANCE = Posix.geteuid() == 0 && Posix.threadCredentialsSupported()
            ? new ThreadCredentialRunAs(
                    ThreadCredentialRunAs.DEFAULT_THREADS,
                    ThreadCredentialRunAs.DEFAULT_PER_USER,
                    ThreadCredentialRunAs.DEFAULT_QUEUE_WAIT,
                    new KernelThreadCredentials())
            : new CurrentUserRunAs(Account.current());

    private ProcessRunAs() {}
}
