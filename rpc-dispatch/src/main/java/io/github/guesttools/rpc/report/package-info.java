/**
 * Pushing guest information to the VMX with {@code SetGuestInfo} ({@code docs/protocols/rpc.md} §6): the command
 * format, the NIC-info fallback chain and change detection.
 */
package io.github.guesttools.rpc.report;
