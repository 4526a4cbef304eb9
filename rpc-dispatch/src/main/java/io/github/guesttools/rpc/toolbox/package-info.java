/**
 * The default TCLO handlers every tools daemon needs ({@code docs/protocols/rpc.md} §7.2): {@code reset},
 * {@code ping}, {@code Set_Option} and {@code Capabilities_Register}, assembled with the poll loop,
 * the RPCI client and the guest-info reporter by {@link io.github.guesttools.rpc.toolbox.Toolbox}.
 */
package io.github.guesttools.rpc.toolbox;
