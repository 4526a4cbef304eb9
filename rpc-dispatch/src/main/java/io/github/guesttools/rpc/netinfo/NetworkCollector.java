package io.github.guesttools.rpc.netinfo;

import io.github.guesttools.rpc.nicinfo.DnsConfig;
import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.NicInfoLimits;
import io.github.guesttools.rpc.nicinfo.Route;
import io.github.guesttools.rpc.nicinfo.TypedAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the guest's network state into a {@link NicInfo}: NICs with a MAC and at least one address,
 * minus loopback and the {@link InterfaceFilter} exclusions, at most 16; their addresses (IPv4
 * {@code PREFERRED}, IPv6 {@code UNKNOWN}, as open-vm-tools reports them); routes of the reported
 * NICs; DNS servers, domain, search list and host name. Every limit of {@code nicinfo.x} is applied.
 */
public final class NetworkCollector {
    private final InterfaceFilter filter;
    private final Path ipv4Routes;
    private final Path ipv6Routes;
    private final Path resolvConf;
    private final Path hostNameFile;
    private final InterfaceSource interfaces;

    /** Supplies the interface list; the system one in production, fixtures in tests. */
    @FunctionalInterface
    interface InterfaceSource {
        List<OsInterface> list() throws IOException;
    }

    private NetworkCollector(Builder b) {
        this.filter = b.filter;
        this.ipv4Routes = b.root.resolve("proc/net/route");
        this.ipv6Routes = b.root.resolve("proc/net/ipv6_route");
        this.resolvConf = b.root.resolve("etc/resolv.conf");
        this.hostNameFile = b.root.resolve("proc/sys/kernel/hostname");
        this.interfaces = b.interfaces;
    }

    /** A builder with the default filter reading the real {@code /}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the current state. Missing route or resolver files give empty lists. */
    public NicInfo collect() throws IOException {
        List<Nic> nics = new ArrayList<>();
        Map<String, Integer> indexByName = new HashMap<>();
        for (OsInterface os : interfaces.list()) {
            if (nics.size() == NicInfoLimits.MAX_NICS) {
                break;
            }
            if (os.loopback() || os.mac() == null || os.mac().length != 6 || filter.excludes(os.name())) {
                continue;
            }
            List<IpAddressEntry> ips = new ArrayList<>();
            for (OsInterface.Address a : os.addresses()) {
                if (ips.size() == NicInfoLimits.MAX_IPS) {
                    break;
                }
                boolean v4 = a.address() instanceof Inet4Address;
                ips.add(new IpAddressEntry(
                        TypedAddress.of(a.address()),
                        a.prefixLength(),
                        null,
                        v4 ? IpAddressEntry.STATUS_PREFERRED : IpAddressEntry.STATUS_UNKNOWN));
            }
            if (ips.isEmpty()) {
                continue;
            }
            indexByName.put(os.name(), nics.size());
            nics.add(new Nic(mac(os.mac()), ips));
        }
        List<Route> routes = new ArrayList<>();
        addRoutes(routes, RouteTableParser.parseIpv4(lines(ipv4Routes), Integer.MAX_VALUE), indexByName);
        addRoutes(routes, RouteTableParser.parseIpv6(lines(ipv6Routes), Integer.MAX_VALUE), indexByName);
        ResolvConf resolv = ResolvConf.parse(lines(resolvConf));
        List<TypedAddress> servers = new ArrayList<>();
        for (InetAddress s : resolv.servers()) {
            servers.add(TypedAddress.of(s));
        }
        DnsConfig dns = new DnsConfig(hostName().orElse(null), resolv.domain(), servers, resolv.searches());
        return new NicInfo(nics, routes, dns);
    }

    /** The host name from the kernel, when it fits the 255-byte limit. */
    public Optional<String> hostName() throws IOException {
        List<String> l = lines(hostNameFile);
        String name = l.isEmpty() ? "" : l.get(0).strip();
        return name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > NicInfoLimits.INET_ADDRESS_MAX_LEN
                ? Optional.empty()
                : Optional.of(name);
    }

    /**
     * The default primary address for {@code broadcastIP}: the first IPv4 address, not link-local, of
     * the first reported NIC that has one.
     */
    public static Optional<InetAddress> primaryIpv4(NicInfo info) {
        for (Nic nic : info.nics()) {
            for (IpAddressEntry ip : nic.ips()) {
                InetAddress a = ip.address().toInetAddress();
                if (a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    private static void addRoutes(List<Route> out, List<ProcRoute> routes, Map<String, Integer> indexByName) {
        for (ProcRoute r : routes) {
            Integer index = indexByName.get(r.iface());
            if (index == null || out.size() == NicInfoLimits.MAX_ROUTES) {
                continue;
            }
            int type = r.destination().length == 4 ? TypedAddress.IPV4 : TypedAddress.IPV6;
            TypedAddress gw = r.gateway() == null ? null : new TypedAddress(type, r.gateway());
            out.add(new Route(
                    new TypedAddress(type, r.destination()),
                    r.prefixLength(),
                    gw,
                    index,
                    gw == null ? Route.TYPE_LOCAL : Route.TYPE_REMOTE,
                    r.metric()));
        }
    }

    private static List<String> lines(Path p) throws IOException {
        try {
            return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static String mac(byte[] mac) {
        StringBuilder sb = new StringBuilder(17);
        for (byte b : mac) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** Configures a {@link NetworkCollector}. */
    public static final class Builder {
        private InterfaceFilter filter = InterfaceFilter.defaults();
        private Path root = Path.of("/");
        private InterfaceSource interfaces = OsInterface::system;

        private Builder() {}

        /** Interfaces to leave out (default {@link InterfaceFilter#defaults()}). */
        public Builder filter(InterfaceFilter filter) {
            this.filter = Objects.requireNonNull(filter);
            return this;
        }

        /**
         * The directory standing for {@code /} when reading {@code proc/net/route},
         * {@code proc/net/ipv6_route}, {@code etc/resolv.conf} and {@code proc/sys/kernel/hostname}
         * (default {@code /}; tests point it at fixtures).
         */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root);
            return this;
        }

        Builder interfaces(InterfaceSource source) {
            this.interfaces = source;
            return this;
        }

        /** Builds the collector. */
        public NetworkCollector build() {
            return new NetworkCollector(this);
        }
    }
}
