package io.github.guesttools.identity;

import java.io.IOException;

/**
 * Runs actions with an authenticated user's rights, so a user can never read, create, change,
 * delete or signal what their own account could not: every kernel check (file permissions,
 * {@code /proc/sys}, ptrace-guarded {@code /proc} files, {@code kill}) sees the user.
 */
public interface RunAs {
    /**
     * @param user the account
     * @return whether actions can run with exactly that account's rights
     */
    boolean canRunAs(Account user);

    /**
     * @param user the account; {@link #canRunAs} must be true
     * @param action the action; it must not start threads that outlive it (they would keep the
     *     user's credentials)
     * @param <T> its result
     * @return the action's result
     * @throws IOException from the action, or when the rights cannot be assumed
     */
    <T> T run(Account user, IoAction<T> action) throws IOException;

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
