/**
 * The XDR codec of NIC information ({@code docs/protocols/rpc.md} §6.3): {@link
 * io.github.guesttools.rpc.internal.xdr.NicInfoXdr} for the V3 body and the V2 list, {@link
 * io.github.guesttools.rpc.internal.xdr.NicInfoV1} for the legacy V1 struct, over the records of
 * {@code io.github.guesttools.rpc.nicinfo}.
 *
 * <p>Internal to rpc-dispatch: not an API, no compatibility promise.
 */
package io.github.guesttools.rpc.internal.xdr;
