package io.github.guesttools.process.internal.user;

import io.github.guesttools.identity.Account;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a login gives a user, built from the account alone (as {@code login(1)} and
 * {@code su -} do), never from this agent's own environment.
 */
public final class LoginEnvironment {
    /** PATH for uid 0, as login.defs {@code ENV_SUPATH} on Debian. */
    public static final String ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** PATH for other users, as login.defs {@code ENV_PATH} on Debian. */
    public static final String USER_PATH = "/usr/local/bin:/usr/bin:/bin";

    private LoginEnvironment() {}

    /** HOME, USER, LOGNAME, SHELL and PATH for the account, in that order. */
    public static Map<String, String> of(Account account) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", account.home());
        env.put("USER", account.name());
        env.put("LOGNAME", account.name());
        env.put("SHELL", account.shell());
        env.put("PATH", account.isRoot() ? ROOT_PATH : USER_PATH);
        return Collections.unmodifiableMap(env);
    }
}
