package io.github.guesttools.rpc.tclo;

/**
 * Answers one TCLO request. Returns the result bytes, sent as {@code OK } + result; an exception is
 * sent as {@code ERROR } + its message and never stops the loop.
 */
@FunctionalInterface
public interface RpcHandler {

    /**
     * Handles a request.
     *
     * @param args the bytes after the command name and its separating space (empty when none)
     * @return the result, without the {@code OK } prefix
     * @throws Exception to reply {@code ERROR } + the exception's message
     */
    byte[] handle(byte[] args) throws Exception;
}
