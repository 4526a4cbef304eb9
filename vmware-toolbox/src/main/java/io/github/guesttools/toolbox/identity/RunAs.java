package io.github.guesttools.toolbox.identity;

import java.io.IOException;

/**
 * Runs file-system actions with an authenticated user's rights, so a user can never read, create,
 * change or delete what their own account could not.
 */
public interface RunAs {
    /**
     * @param user the account
     * @return whether actions can run with exactly that account's rights
     */
    boolean canRunAs(GuestUser user);

    /**
     * @param user the account; {@link #canRunAs} must be true
     * @param action the action
     * @param <T> its result
     * @return the action's result
     * @throws IOException from the action, or when the rights cannot be assumed
     */
    <T> T run(GuestUser user, IoAction<T> action) throws IOException;

    /**
     * The right strategy for this process: per-thread credential switching when running as root,
     * otherwise only the agent's own user.
     *
     * @return the strategy
     */
    static RunAs forThisProcess() {
        return ProcessRunAs.INSTANCE;
    }
}
