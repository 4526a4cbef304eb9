package io.github.guesttools.hgfs.spi;

import io.github.guesttools.identity.Account;
import java.util.Objects;

/**
 * Who sent an HGFS request: the principal a session belongs to and the identity a {@link
 * FileHandler} checks access against. A session created by one caller is refused to every other
 * caller. The agent itself (TCLO {@code f} packets, which carry no credentials, or an embedder
 * calling {@code HgfsServer.handle(byte[])}) is a principal of its own, distinct from an
 * authenticated user of the same name.
 *
 * @param account the resolved guest account: the authenticated user, or the agent's own user
 * @param agent {@code true} for the agent's own requests, not made for an authenticated user
 */
public record Caller(Account account, boolean agent) {

    /** The agent's own requests, as the JVM's effective user. */
    public static final Caller AGENT = agent(Account.current());

    public Caller {
        Objects.requireNonNull(account, "account");
    }

    /** A request made for the authenticated guest user {@code account}. */
    public static Caller of(Account account) {
        return new Caller(account, false);
    }

    /** The agent's own requests, running as the guest user {@code account}. */
    public static Caller agent(Account account) {
        return new Caller(account, true);
    }

    /** @return the user name (for messages and logs) */
    public String user() {
        return account.name();
    }

    /** The user name, marked when it is the agent's own identity (for logs). */
    @Override
    public String toString() {
        return agent ? "agent(" + user() + ")" : user();
    }
}
