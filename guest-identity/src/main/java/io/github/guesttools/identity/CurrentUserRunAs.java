package io.github.guesttools.identity;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

/** Without root, actions run as the agent's own user and no other account is accepted. */
final class CurrentUserRunAs implements RunAs {
    private final Account self;

    CurrentUserRunAs(Account self) {
        this.self = self;
    }

    @Override
    public boolean canRunAs(Account user) {
        return user.uid() == self.uid();
    }

    @Override
    public <T> T run(Account user, IoAction<T> action) throws IOException {
        if (!canRunAs(user)) {
            throw new AccessDeniedException(null, null, "agent cannot act as " + user.name());
        }
        return action.run();
    }
}
