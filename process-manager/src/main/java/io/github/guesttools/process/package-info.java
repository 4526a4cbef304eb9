/**
 * Guest processes and Java functions: start, list, kill, environment, captured I/O. Start with
 * {@link io.github.guesttools.process.ProcessManager}.
 */
package io.github.guesttools.process;
