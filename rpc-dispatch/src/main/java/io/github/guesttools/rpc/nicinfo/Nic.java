package io.github.guesttools.rpc.nicinfo;

import java.util.List;

/**
 * XDR {@code GuestNicV3}: one NIC.
 *
 * @param macAddress {@code 00:50:56:aa:bb:cc}, lower-case hex
 * @param ips        its addresses
 * @param dns        per-NIC DNS, or {@code null}
 * @param wins       WINS, or {@code null}
 * @param dhcpV4     DHCPv4 settings, or {@code null}
 * @param dhcpV6     DHCPv6 settings, or {@code null}
 */
public record Nic(
        String macAddress,
        List<IpAddressEntry> ips,
        DnsConfig dns,
        WinsConfig wins,
        DhcpConfig dhcpV4,
        DhcpConfig dhcpV6) {
    /** Copies the list. */
    public Nic {
        ips = List.copyOf(ips);
    }

    /** A NIC with addresses only. */
    public Nic(String macAddress, List<IpAddressEntry> ips) {
        this(macAddress, ips, null, null, null, null);
    }
}
