package io.github.guesttools.rpc.nicinfo;

/**
 * XDR {@code InetCidrRouteEntry}.
 *
 * @param destination  destination network
 * @param prefixLength destination prefix length
 * @param nextHop      gateway, or {@code null} for a directly connected network
 * @param ifIndex      index into {@link NicInfo#nics()}
 * @param type         {@code InetCidrRouteType}: 1 other, 2 reject, 3 local, 4 remote
 * @param metric       route metric, {@code 0xFFFFFFFF} when unused
 */
public record Route(
        TypedAddress destination, int prefixLength, TypedAddress nextHop, int ifIndex, int type, int metric) {
    /** {@code ICRT_LOCAL}: directly connected. */
    public static final int TYPE_LOCAL = 3;
    /** {@code ICRT_REMOTE}: through a gateway. */
    public static final int TYPE_REMOTE = 4;
}
