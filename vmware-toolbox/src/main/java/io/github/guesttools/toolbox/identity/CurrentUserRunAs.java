package io.github.guesttools.toolbox.identity;

import java.io.IOException;

/** Without root, actions run as the agent's own user and no other account is accepted. */
final class CurrentUserRunAs implements RunAs {
    private final GuestUser self;

    CurrentUserRunAs(GuestUser self) {
        this.self = self;
    }

    @Override
    public boolean canRunAs(GuestUser user) {
        return user.uid() == self.uid();
    }

    @Override
    public <T> T run(GuestUser user, IoAction<T> action) throws IOException {
        if (!canRunAs(user)) {
            throw new java.nio.file.AccessDeniedException(null, null, "agent cannot act as " + user.name());
        }
        return action.run();
    }
}
