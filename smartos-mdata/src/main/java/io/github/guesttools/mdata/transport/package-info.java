/**
 * How metadata bytes travel: the serial port of a KVM or bhyve guest, or the Unix socket of a
 * SmartOS zone, and the choice between them.
 */
package io.github.guesttools.mdata.transport;
