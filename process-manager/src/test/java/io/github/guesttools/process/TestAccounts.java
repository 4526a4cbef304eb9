package io.github.guesttools.process;

import io.github.guesttools.identity.Account;

/** Resolves test user names once, as the VIX layer does at login. */
public final class TestAccounts {
    private TestAccounts() {}

    /** The account of an existing user. */
    public static Account account(String name) {
        return Account.lookup(name).orElseThrow(() -> new IllegalArgumentException("no such test user: " + name));
    }
}
