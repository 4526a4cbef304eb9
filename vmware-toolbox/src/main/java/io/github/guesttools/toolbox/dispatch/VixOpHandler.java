package io.github.guesttools.toolbox.dispatch;

import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;

/** Handles one VIX op; registered with {@link VixDispatcher.Builder#handle}. */
@FunctionalInterface
public interface VixOpHandler {
    /**
     * @param call the decoded request and the authenticated user
     * @return the reply
     * @throws VixException to answer a VIX error
     */
    VixReply handle(VixCall call) throws VixException;
}
