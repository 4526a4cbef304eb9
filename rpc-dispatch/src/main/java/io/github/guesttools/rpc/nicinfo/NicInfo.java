package io.github.guesttools.rpc.nicinfo;

import java.util.ArrayList;
import java.util.List;

/**
 * XDR {@code NicInfoV3}: everything the guest reports about its network.
 *
 * @param nics   at most 16 NICs
 * @param routes at most 100 routes
 * @param dns    global DNS configuration, or {@code null}
 * @param wins   global WINS, or {@code null}
 * @param dhcpV4 global DHCPv4, or {@code null}
 * @param dhcpV6 global DHCPv6, or {@code null}
 */
public record NicInfo(
        List<Nic> nics, List<Route> routes, DnsConfig dns, WinsConfig wins, DhcpConfig dhcpV4, DhcpConfig dhcpV6) {
    /** An empty NicInfo (the 32-byte body). */
    public static final NicInfo EMPTY = new NicInfo(List.of(), List.of(), null, null, null, null);

    /** Copies the lists. */
    public NicInfo {
        nics = List.copyOf(nics);
        routes = List.copyOf(routes);
    }

    /** NICs, routes and DNS only. */
    public NicInfo(List<Nic> nics, List<Route> routes, DnsConfig dns) {
        this(nics, routes, dns, null, null, null);
    }

    /** This info with at most {@code maxIps} addresses per NIC (the type-9 form caps at 64). */
    public NicInfo cappedAt(int maxIps) {
        List<Nic> capped = new ArrayList<>(nics.size());
        for (Nic n : nics) {
            capped.add(
                    n.ips().size() <= maxIps
                            ? n
                            : new Nic(
                                    n.macAddress(),
                                    n.ips().subList(0, maxIps),
                                    n.dns(),
                                    n.wins(),
                                    n.dhcpV4(),
                                    n.dhcpV6()));
        }
        return new NicInfo(capped, routes, dns, wins, dhcpV4, dhcpV6);
    }
}
