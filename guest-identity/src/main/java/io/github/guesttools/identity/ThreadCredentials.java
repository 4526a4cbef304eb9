package io.github.guesttools.identity;

import java.io.IOException;

/** Switches the calling thread's credentials to a user and back (the seam tests replace). */
interface ThreadCredentials {
    /**
     * Makes the calling thread the user, verified.
     *
     * @throws IOException the switch failed or could not be verified; the thread may be anything
     *     now and must call {@link #restore}
     */
    void become(Account user) throws IOException;

    /** @return whether the calling thread is verifiably root again, with root's groups and capabilities */
    boolean restore();
}
