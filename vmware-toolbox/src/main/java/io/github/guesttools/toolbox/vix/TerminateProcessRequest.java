package io.github.guesttools.toolbox.vix;

/**
 * Op 193 TERMINATE_PROCESS.
 *
 * @param pid the process (or pseudo-process) id
 * @param options option bits as sent
 */
public record TerminateProcessRequest(long pid, int options) implements VixRequest {}
