/**
 * Quiesced snapshots ({@code docs/protocols/vmbackup.md}): the {@code vmbackup.*} TCLO requests, the
 * {@code vmbackup.eventSet} events, the state machine with its failsafe timers ({@link
 * io.github.guesttools.rpc.vmbackup.VmBackup}), the freeze/thaw scripts, and the Linux file-system
 * freezer ({@link io.github.guesttools.rpc.vmbackup.LinuxFreezer}) behind the {@link
 * io.github.guesttools.rpc.vmbackup.FileSystemFreezer} seam.
 */
package io.github.guesttools.rpc.vmbackup;
