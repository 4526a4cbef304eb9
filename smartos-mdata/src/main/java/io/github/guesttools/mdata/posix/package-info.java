/**
 * The few POSIX calls the JDK lacks (terminal modes, record locks on a terminal, pseudo-terminals,
 * {@code poll}), bound through JNA. Linux only: the structure layouts and flag values are Linux's.
 */
package io.github.guesttools.mdata.posix;
