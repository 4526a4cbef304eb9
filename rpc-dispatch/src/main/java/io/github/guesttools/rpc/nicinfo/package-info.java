/**
 * NIC information as the VMX expects it ({@code docs/protocols/rpc.md} §6.3): immutable records
 * mirroring {@code nicinfo.x} and the limits the VMX applies; the XDR codec that writes them is
 * internal ({@code io.github.guesttools.rpc.internal.xdr}).
 */
package io.github.guesttools.rpc.nicinfo;
