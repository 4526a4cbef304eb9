package io.github.guesttools.rpc.internal.xdr;

import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.INET_ADDRESS_MAX_LEN;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAC_LEN;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAX_DHCP_CONFIG;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAX_IPS;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAX_IP_LEN;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAX_NICS;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAX_ROUTES;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAX_SERVERS;
import static io.github.guesttools.rpc.nicinfo.NicInfoLimits.MAX_SUFFIXES;

import io.github.guesttools.rpc.nicinfo.DhcpConfig;
import io.github.guesttools.rpc.nicinfo.DnsConfig;
import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.NicInfoLimits;
import io.github.guesttools.rpc.nicinfo.Route;
import io.github.guesttools.rpc.nicinfo.TypedAddress;
import io.github.guesttools.rpc.nicinfo.WinsConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * XDR codec for {@code GuestNicProto} ({@code nicinfo.x}, {@code docs/protocols/rpc.md} §6.3). Hand-written because
 * no maintained Java XDR library is allowed here and the format is small and fixed.
 */
public final class NicInfoXdr {
    private static final int VERSION_2 = 2;
    private static final int VERSION_3 = 3;

    private NicInfoXdr() {}

    /** Encodes {@code GuestNicProto} version 3 (for {@code SetGuestInfo} types 10 and 9). */
    public static byte[] encodeV3(NicInfo info) {
        XdrWriter w = new XdrWriter();
        w.u32(VERSION_3);
        w.bool(true);
        checkCount(info.nics().size(), MAX_NICS, "NICs");
        w.u32(info.nics().size());
        for (Nic nic : info.nics()) {
            w.string(nic.macAddress(), MAC_LEN, "MAC address");
            checkCount(nic.ips().size(), MAX_IPS, "addresses of one NIC");
            w.u32(nic.ips().size());
            for (IpAddressEntry ip : nic.ips()) {
                typed(w, ip.address());
                w.u32(ip.prefixLength());
                optionalInt(w, ip.origin());
                optionalInt(w, ip.status());
            }
            tail(w, nic.dns(), nic.wins(), nic.dhcpV4(), nic.dhcpV6());
        }
        checkCount(info.routes().size(), MAX_ROUTES, "routes");
        w.u32(info.routes().size());
        for (Route r : info.routes()) {
            typed(w, r.destination());
            w.u32(r.prefixLength());
            w.bool(r.nextHop() != null);
            if (r.nextHop() != null) {
                typed(w, r.nextHop());
            }
            w.u32(r.ifIndex());
            w.u32(r.type());
            w.u32(r.metric());
        }
        tail(w, info.dns(), info.wins(), info.dhcpV4(), info.dhcpV6());
        return w.toByteArray();
    }

    /**
     * Encodes {@code GuestNicProto} version 2 ({@code GuestNicList}), the third try of the fallback
     * chain: addresses as text, at most 64 per NIC, no routes or DNS.
     */
    public static byte[] encodeV2(NicInfo info) {
        XdrWriter w = new XdrWriter();
        w.u32(VERSION_2);
        w.bool(true);
        checkCount(info.nics().size(), MAX_NICS, "NICs");
        w.u32(info.nics().size());
        for (Nic nic : info.nics()) {
            w.charArray(nic.macAddress(), MAC_LEN, "MAC address");
            List<IpAddressEntry> ips = nic.ips().subList(0, Math.min(nic.ips().size(), NicInfoLimits.V2_MAX_IPS));
            w.u32(ips.size());
            for (IpAddressEntry ip : ips) {
                boolean v4 = ip.address().type() == TypedAddress.IPV4;
                w.u32(v4 ? 0 : 1);
                w.bool(ip.origin() != null && ip.origin() == 4);
                w.charArray(ip.address().toString(), MAX_IP_LEN, "address");
                w.charArray(Integer.toString(ip.prefixLength()), MAX_IP_LEN, "mask");
            }
        }
        return w.toByteArray();
    }

    /**
     * Decodes a {@code GuestNicProto} of version 3 or 2; a V2 list becomes a NicInfo without routes.
     *
     * @throws NicInfoFormatException on truncated, inconsistent or over-limit data, or trailing bytes
     */
    public static NicInfo decode(byte[] body) throws NicInfoFormatException {
        XdrReader r = new XdrReader(body);
        int version = r.u32();
        if (version != VERSION_2 && version != VERSION_3) {
            throw new NicInfoFormatException("unsupported GuestNicProto version " + Integer.toUnsignedString(version));
        }
        NicInfo info = !r.bool("body present") ? NicInfo.EMPTY : version == VERSION_3 ? decodeV3(r) : decodeV2(r);
        if (r.remaining() != 0) {
            throw new NicInfoFormatException(r.remaining() + " trailing bytes");
        }
        return info;
    }

    private static NicInfo decodeV3(XdrReader r) throws NicInfoFormatException {
        int nicCount = r.count(MAX_NICS, 28, "NICs");
        List<Nic> nics = new ArrayList<>(nicCount);
        for (int i = 0; i < nicCount; i++) {
            String mac = r.string(MAC_LEN, "MAC address");
            int ipCount = r.count(MAX_IPS, 20, "addresses");
            List<IpAddressEntry> ips = new ArrayList<>(ipCount);
            for (int j = 0; j < ipCount; j++) {
                TypedAddress a = typed(r);
                int prefix = r.u32();
                Integer origin = r.bool("origin present") ? r.u32() : null;
                Integer status = r.bool("status present") ? r.u32() : null;
                ips.add(new IpAddressEntry(a, prefix, origin, status));
            }
            nics.add(new Nic(mac, ips, dns(r), wins(r), dhcp(r), dhcp(r)));
        }
        int routeCount = r.count(MAX_ROUTES, 28, "routes");
        List<Route> routes = new ArrayList<>(routeCount);
        for (int i = 0; i < routeCount; i++) {
            TypedAddress dest = typed(r);
            int prefix = r.u32();
            TypedAddress hop = r.bool("next hop present") ? typed(r) : null;
            int ifIndex = r.u32();
            if (ifIndex < 0 || ifIndex >= nicCount) {
                throw new NicInfoFormatException("route interface index " + Integer.toUnsignedString(ifIndex)
                        + " outside the " + nicCount + " NICs");
            }
            routes.add(new Route(dest, prefix, hop, ifIndex, r.u32(), r.u32()));
        }
        return new NicInfo(nics, routes, dns(r), wins(r), dhcp(r), dhcp(r));
    }

    private static NicInfo decodeV2(XdrReader r) throws NicInfoFormatException {
        int nicCount = r.count(MAX_NICS, 4 * MAC_LEN + 4, "NICs");
        List<Nic> nics = new ArrayList<>(nicCount);
        for (int i = 0; i < nicCount; i++) {
            String mac = r.charArray(MAC_LEN, "MAC address");
            int ipCount = r.count(MAX_IPS, 8 + 8 * MAX_IP_LEN, "addresses");
            List<IpAddressEntry> ips = new ArrayList<>(ipCount);
            for (int j = 0; j < ipCount; j++) {
                int type = r.u32();
                boolean dhcp = r.bool("dhcpEnabled");
                String text = r.charArray(MAX_IP_LEN, "address");
                String mask = r.charArray(MAX_IP_LEN, "mask");
                ips.add(new IpAddressEntry(parseTextAddress(type, text), parsePrefix(mask), dhcp ? 4 : null, null));
            }
            nics.add(new Nic(mac, ips));
        }
        return new NicInfo(nics, List.of(), null);
    }

    private static TypedAddress parseTextAddress(int type, String text) throws NicInfoFormatException {
        if ((type != 0 && type != 1) || !text.matches("[0-9A-Fa-f.:]+")) {
            throw new NicInfoFormatException("bad V2 address " + text);
        }
        try {
            return TypedAddress.of(java.net.InetAddress.getByName(text));
        } catch (java.net.UnknownHostException e) {
            throw new NicInfoFormatException("bad V2 address " + text);
        }
    }

    private static int parsePrefix(String mask) throws NicInfoFormatException {
        try {
            if (mask.startsWith("0x")) {
                return Integer.bitCount((int) Long.parseLong(mask.substring(2), 16));
            }
            return Integer.parseInt(mask);
        } catch (NumberFormatException e) {
            throw new NicInfoFormatException("bad V2 mask " + mask);
        }
    }

    private static void tail(XdrWriter w, DnsConfig dns, WinsConfig wins, DhcpConfig v4, DhcpConfig v6) {
        w.bool(dns != null);
        if (dns != null) {
            w.bool(dns.hostName() != null);
            if (dns.hostName() != null) {
                w.string(dns.hostName(), INET_ADDRESS_MAX_LEN, "host name");
            }
            w.bool(dns.domainName() != null);
            if (dns.domainName() != null) {
                w.string(dns.domainName(), INET_ADDRESS_MAX_LEN, "domain name");
            }
            checkCount(dns.servers().size(), MAX_SERVERS, "DNS servers");
            w.u32(dns.servers().size());
            for (TypedAddress s : dns.servers()) {
                typed(w, s);
            }
            checkCount(dns.searchSuffixes().size(), MAX_SUFFIXES, "search suffixes");
            w.u32(dns.searchSuffixes().size());
            for (String s : dns.searchSuffixes()) {
                w.string(s, INET_ADDRESS_MAX_LEN, "search suffix");
            }
        }
        w.bool(wins != null);
        if (wins != null) {
            typed(w, wins.primary());
            typed(w, wins.secondary());
        }
        dhcp(w, v4);
        dhcp(w, v6);
    }

    private static void dhcp(XdrWriter w, DhcpConfig d) {
        w.bool(d != null);
        if (d != null) {
            w.bool(d.enabled());
            w.string(d.settings(), MAX_DHCP_CONFIG, "DHCP settings");
        }
    }

    private static DnsConfig dns(XdrReader r) throws NicInfoFormatException {
        if (!r.bool("DNS present")) {
            return null;
        }
        String host = r.bool("host name present") ? r.string(INET_ADDRESS_MAX_LEN, "host name") : null;
        String domain = r.bool("domain name present") ? r.string(INET_ADDRESS_MAX_LEN, "domain name") : null;
        int n = r.count(MAX_SERVERS, 8, "DNS servers");
        List<TypedAddress> servers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            servers.add(typed(r));
        }
        int m = r.count(MAX_SUFFIXES, 4, "search suffixes");
        List<String> suffixes = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            suffixes.add(r.string(INET_ADDRESS_MAX_LEN, "search suffix"));
        }
        return new DnsConfig(host, domain, servers, suffixes);
    }

    private static WinsConfig wins(XdrReader r) throws NicInfoFormatException {
        return r.bool("WINS present") ? new WinsConfig(typed(r), typed(r)) : null;
    }

    private static DhcpConfig dhcp(XdrReader r) throws NicInfoFormatException {
        return r.bool("DHCP present")
                ? new DhcpConfig(r.bool("DHCP enabled"), r.string(MAX_DHCP_CONFIG, "DHCP settings"))
                : null;
    }

    private static void typed(XdrWriter w, TypedAddress a) {
        w.u32(a.type());
        w.opaque(a.address(), INET_ADDRESS_MAX_LEN, "address");
    }

    private static TypedAddress typed(XdrReader r) throws NicInfoFormatException {
        int type = r.u32();
        return new TypedAddress(type, r.opaque(INET_ADDRESS_MAX_LEN, "address"));
    }

    private static void optionalInt(XdrWriter w, Integer v) {
        w.bool(v != null);
        if (v != null) {
            w.u32(v);
        }
    }

    private static void checkCount(int n, int max, String what) {
        if (n > max) {
            throw new IllegalArgumentException(n + " " + what + " over the limit of " + max);
        }
    }
}
