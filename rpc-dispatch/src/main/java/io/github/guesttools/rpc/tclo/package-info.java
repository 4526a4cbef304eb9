/**
 * TCLO, host → guest requests polled by the guest ({@code docs/protocols/rpc.md} §3, §4, §7): the poll loop with its
 * back-off and channel recovery ({@link io.github.guesttools.rpc.tclo.TcloService}), the handler
 * registry and the reply format.
 */
package io.github.guesttools.rpc.tclo;
