/**
 * NIC information as the VMX expects it ({@code docs/protocols/rpc.md} §6.3): immutable records mirroring
 * {@code nicinfo.x} and the XDR codec ({@link io.github.guesttools.rpc.nicinfo.NicInfoXdr}) for the
 * V3 body, the V2 list and the legacy V1 struct.
 */
package io.github.guesttools.rpc.nicinfo;
