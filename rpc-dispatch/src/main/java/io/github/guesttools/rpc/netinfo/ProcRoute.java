package io.github.guesttools.rpc.netinfo;

/**
 * One route read from {@code /proc/net/route} or {@code /proc/net/ipv6_route}.
 *
 * @param iface        interface name
 * @param destination  destination address bytes (4 or 16)
 * @param prefixLength destination prefix length
 * @param gateway      gateway bytes, or {@code null} when directly connected
 * @param metric       route metric
 */
record ProcRoute(String iface, byte[] destination, int prefixLength, byte[] gateway, int metric) {}
