package io.github.guesttools.rpc.netinfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.internal.xdr.NicInfoXdr;
import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.Route;
import io.github.guesttools.rpc.nicinfo.TypedAddress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkCollectorTest {
    private static final byte[] MAC = {0x00, 0x50, 0x56, (byte) 0xAA, (byte) 0xBB, (byte) 0xCC};

    static Path fixtures() throws Exception {
        return Path.of(NetworkCollectorTest.class.getResource("/fixtures/root").toURI());
    }

    private static OsInterface iface(String name, byte[] mac, boolean loopback, String... addresses) throws Exception {
        List<OsInterface.Address> list = new ArrayList<>();
        for (String a : addresses) {
            String[] p = a.split("/");
            list.add(new OsInterface.Address(InetAddress.getByName(p[0]), Integer.parseInt(p[1])));
        }
        return new OsInterface(name, mac, loopback, list);
    }

    private static TypedAddress addr(String a) throws Exception {
        return TypedAddress.of(InetAddress.getByName(a));
    }

    @Test
    void collectsFixturesWithFiltersRoutesAndDns() throws Exception {
        List<OsInterface> os = List.of(
                iface("lo", null, true, "127.0.0.1/8", "::1/128"),
                iface("eth0", MAC, false, "192.0.2.2/24", "fd00::2/64"),
                iface("docker0", new byte[] {2, 0, 0, 0, 0, 1}, false, "172.17.0.1/16"),
                iface("veth1234", new byte[] {2, 0, 0, 0, 0, 2}, false, "fe80::2/64"),
                iface("tun0", null, false, "10.8.0.1/24"),
                iface("eth1", new byte[] {2, 0, 0, 0, 0, 3}, false));
        NicInfo info = NetworkCollector.builder()
                .root(fixtures())
                .interfaces(() -> os)
                .build()
                .collect();

        assertThat(info.nics()).extracting(Nic::macAddress).containsExactly("00:50:56:aa:bb:cc");
        assertThat(info.nics().get(0).ips())
                .containsExactly(
                        new IpAddressEntry(addr("192.0.2.2"), 24, null, IpAddressEntry.STATUS_PREFERRED),
                        new IpAddressEntry(addr("fd00::2"), 64, null, IpAddressEntry.STATUS_UNKNOWN));
        assertThat(info.routes())
                .containsExactly(
                        new Route(addr("0.0.0.0"), 0, addr("192.0.2.1"), 0, Route.TYPE_REMOTE, 100),
                        new Route(addr("192.0.2.0"), 24, null, 0, Route.TYPE_LOCAL, 0),
                        new Route(addr("fd00::"), 64, null, 0, Route.TYPE_LOCAL, 0x100),
                        new Route(addr("::"), 0, addr("fd00::1"), 0, Route.TYPE_REMOTE, 0x400),
                        new Route(addr("fe80::"), 64, null, 0, Route.TYPE_LOCAL, 0x100));
        assertThat(info.dns().hostName()).isEqualTo("fixture-host");
        assertThat(info.dns().domainName()).isEqualTo("example.com");
        assertThat(info.dns().servers()).containsExactly(addr("192.0.2.53"), addr("fe80::1"));
        assertThat(info.dns().searchSuffixes()).containsExactly("a.example", "b.example");
        assertThat(NicInfoXdr.decode(NicInfoXdr.encodeV3(info))).isEqualTo(info);
        assertThat(NetworkCollector.primaryIpv4(info)).contains(InetAddress.getByName("192.0.2.2"));
    }

    @Test
    void appliesTheSixteenNicAndAddressLimits() throws Exception {
        List<OsInterface> os = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            os.add(iface("eth" + i, new byte[] {0, 0x50, 0x56, 0, 0, (byte) i}, false, "10.0." + i + ".1/24"));
        }
        List<OsInterface.Address> many = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            many.add(new OsInterface.Address(InetAddress.getByName("10.1." + (i / 250) + "." + (i % 250)), 16));
        }
        os.set(0, new OsInterface("eth0", MAC, false, many));
        NicInfo info = NetworkCollector.builder()
                .root(Path.of("/nonexistent"))
                .interfaces(() -> os)
                .build()
                .collect();
        assertThat(info.nics()).hasSize(16);
        assertThat(info.nics().get(0).ips()).hasSize(2048);
        assertThat(info.routes()).isEmpty();
        assertThat(info.dns().servers()).isEmpty();
        assertThat(NicInfoXdr.decode(NicInfoXdr.encodeV3(info))).isEqualTo(info);
    }

    @Test
    void filterIsConfigurable() throws Exception {
        InterfaceFilter defaults = InterfaceFilter.defaults();
        for (String name : List.of(
                "docker0",
                "veth9",
                "virbr0",
                "br-1a2b",
                "cali123",
                "flannel.1",
                "cni0",
                "vxlan.calico",
                "antrea-gw0")) {
            assertThat(defaults.excludes(name)).as(name).isTrue();
        }
        assertThat(defaults.excludes("eth0")).isFalse();
        assertThat(defaults.excludes("ens192")).isFalse();
        assertThat(defaults.excludes("bridge0")).isFalse();
        InterfaceFilter custom = new InterfaceFilter(List.of("ens?", "wg*"));
        assertThat(custom.excludes("ens1")).isTrue();
        assertThat(custom.excludes("ens10")).isFalse();
        assertThat(custom.excludes("wg0")).isTrue();
        assertThat(custom.excludes("docker0")).isFalse();
        assertThat(new InterfaceFilter(List.of()).excludes("anything")).isFalse();
        assertThat(new InterfaceFilter(List.of("a.b")).excludes("axb"))
                .as("dots are literal")
                .isFalse();
    }

    @Test
    void hostileResolvConfIsBoundedAndNeverResolvesNames() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("nameserver 10.0.0." + i);
        }
        lines.add("search " + "x".repeat(300) + " " + String.join(" ", java.util.Collections.nCopies(20, "s.example")));
        lines.add("nameserver localhost");
        ResolvConf rc = ResolvConf.parse(lines);
        assertThat(rc.servers()).hasSize(16);
        assertThat(rc.searches()).hasSize(10).allMatch("s.example"::equals);
    }

    private static String readMac(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII).strip();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void collectsThisMachine() throws Exception {
        NetworkCollector collector = NetworkCollector.builder().build();
        NicInfo info = collector.collect();
        byte[] body = NicInfoXdr.encodeV3(info);
        assertThat(NicInfoXdr.decode(body)).isEqualTo(info);
        assertThat(info.nics()).hasSizeLessThanOrEqualTo(16);
        for (Nic nic : info.nics()) {
            assertThat(nic.macAddress()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(nic.ips())
                    .isNotEmpty()
                    .noneMatch(ip -> ip.address().toInetAddress().isLoopbackAddress());
        }
        for (Route r : info.routes()) {
            assertThat(r.ifIndex()).isBetween(0, info.nics().size() - 1);
        }
        // Cross-check every reported MAC with sysfs, an independent source.
        List<String> sysMacs = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/sys/class/net"))) {
            for (Path d : dirs.toList()) {
                Path a = d.resolve("address");
                if (Files.isReadable(a)) {
                    sysMacs.add(Files.readString(a, StandardCharsets.US_ASCII).strip());
                }
            }
        }
        assertThat(sysMacs)
                .containsAll(info.nics().stream().map(Nic::macAddress).toList());
        assertThat(collector.hostName())
                .contains(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        // The kernel's default route, when on a reported NIC, is reported.
        List<String> routes = Files.readAllLines(Path.of("/proc/net/route"));
        for (String line : routes.subList(1, routes.size())) {
            String[] f = line.trim().split("\\s+");
            Path mac = Path.of("/sys/class/net", f[0], "address");
            boolean reported = Files.isReadable(mac)
                    && info.nics().stream().anyMatch(n -> n.macAddress().equals(readMac(mac)));
            if (f[1].equals("00000000") && f[7].equals("00000000") && reported) {
                assertThat(info.routes())
                        .anyMatch(r -> r.prefixLength() == 0
                                && r.nextHop() != null
                                && r.destination().type() == TypedAddress.IPV4);
            }
        }
    }
}
