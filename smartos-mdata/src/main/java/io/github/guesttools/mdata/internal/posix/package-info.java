/**
 * The few POSIX calls the JDK lacks (terminal modes, record locks on a terminal, pseudo-terminals,
 * {@code poll}), bound through JNA. Linux only: the structure layouts and flag values are Linux's.
 *
 * <p>Internal to smartos-mdata: not an API, no compatibility promise.
 */
package io.github.guesttools.mdata.internal.posix;
