/**
 * Collects the guest's network state from the real OS: NICs and addresses
 * ({@link java.net.NetworkInterface}), routes ({@code /proc/net/route}, {@code /proc/net/ipv6_route}),
 * DNS ({@code /etc/resolv.conf}) and the host name, within the {@code nicinfo.x} limits.
 */
package io.github.guesttools.rpc.netinfo;
