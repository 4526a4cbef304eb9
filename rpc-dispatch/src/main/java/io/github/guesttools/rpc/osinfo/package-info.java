/**
 * The guest OS as the VMX wants it ({@code docs/protocols/rpc.md} §6.4): names from {@code /etc/os-release} and the
 * kernel, the guest id, and the binary detailed-data body of {@code SetGuestInfo} type 11.
 */
package io.github.guesttools.rpc.osinfo;
