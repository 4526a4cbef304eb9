package io.github.guesttools.rpc.internal.xdr;

import static io.github.guesttools.rpc.testing.SimulatedVm.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.rpc.nicinfo.DhcpConfig;
import io.github.guesttools.rpc.nicinfo.DnsConfig;
import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.NicInfoLimits;
import io.github.guesttools.rpc.nicinfo.Route;
import io.github.guesttools.rpc.nicinfo.TypedAddress;
import io.github.guesttools.rpc.nicinfo.WinsConfig;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicInfoXdrTest {

    static NicInfo goldenInfo() throws Exception {
        return new NicInfo(
                List.of(new Nic(
                        "00:50:56:aa:bb:cc",
                        List.of(
                                new IpAddressEntry(TypedAddress.of(InetAddress.getByName("192.168.1.10")), 24, null, 1),
                                new IpAddressEntry(
                                        TypedAddress.of(InetAddress.getByName("fe80::250:56ff:feaa:bbcc")),
                                        64,
                                        null,
                                        1)))),
                List.of(),
                null);
    }

    @Test
    void encodesTheGoldenV3Body() throws Exception {
        byte[] golden = resource("guestinfo-nicinfo-v3.xdr");
        assertThat(golden).hasSize(144);
        assertThat(NicInfoXdr.encodeV3(goldenInfo())).isEqualTo(golden);
    }

    @Test
    void encodesTheGoldenEmptyBody() {
        assertThat(NicInfoXdr.encodeV3(NicInfo.EMPTY))
                .isEqualTo(resource("guestinfo-nicinfo-v3-empty.xdr"))
                .hasSize(32);
    }

    @Test
    void decodesTheGoldenBodies() throws Exception {
        assertThat(NicInfoXdr.decode(resource("guestinfo-nicinfo-v3.xdr"))).isEqualTo(goldenInfo());
        assertThat(NicInfoXdr.decode(resource("guestinfo-nicinfo-v3-empty.xdr")))
                .isEqualTo(NicInfo.EMPTY);
    }

    @Test
    void roundTripsEveryOptionalPart() throws Exception {
        TypedAddress dns1 = TypedAddress.of(InetAddress.getByName("10.0.0.53"));
        TypedAddress v6 = TypedAddress.of(InetAddress.getByName("2001:db8::1"));
        DnsConfig dns = new DnsConfig("host", "example.com", List.of(dns1, v6), List.of("a.example", "b.example", "c"));
        Nic nic = new Nic(
                "00:50:56:00:00:01",
                List.of(new IpAddressEntry(dns1, 8, 4, 1)),
                dns,
                new WinsConfig(dns1, v6),
                new DhcpConfig(true, "lease"),
                new DhcpConfig(false, ""));
        NicInfo info = new NicInfo(
                List.of(nic, new Nic("00:50:56:00:00:02", List.of())),
                List.of(
                        new Route(
                                TypedAddress.of(InetAddress.getByName("0.0.0.0")), 0, dns1, 1, Route.TYPE_REMOTE, 100),
                        new Route(v6, 64, null, 0, Route.TYPE_LOCAL, -1)),
                dns,
                new WinsConfig(v6, dns1),
                new DhcpConfig(true, "x"),
                null);
        byte[] body = NicInfoXdr.encodeV3(info);
        assertThat(body.length % 4).isZero();
        assertThat(NicInfoXdr.decode(body)).isEqualTo(info);
        assertThat(NicInfoXdr.encodeV3(NicInfoXdr.decode(body))).isEqualTo(body);
    }

    @Test
    void searchSuffixesAreAnArrayNotAnOptional() throws Exception {
        DnsConfig dns = new DnsConfig(null, null, List.of(), List.of("a", "b"));
        byte[] body = NicInfoXdr.encodeV3(new NicInfo(List.of(), List.of(), dns));
        // ver, present, 0 nics, 0 routes, dns present, host absent, domain absent, 0 servers, 2 suffixes
        ByteBuffer b = ByteBuffer.wrap(body);
        int[] words = new int[9];
        for (int i = 0; i < words.length; i++) {
            words[i] = b.getInt();
        }
        assertThat(words).containsExactly(3, 1, 0, 0, 1, 0, 0, 0, 2);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.get()).isEqualTo((byte) 'a');
    }

    @Test
    void cappedAtKeepsTheFirstAddresses() throws Exception {
        List<IpAddressEntry> ips = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ips.add(new IpAddressEntry(TypedAddress.of(InetAddress.getByName("10.0.0." + i)), 24, null, 1));
        }
        NicInfo info = new NicInfo(List.of(new Nic("00:50:56:00:00:01", ips)), List.of(), null);
        NicInfo capped = NicInfoXdr.decode(NicInfoXdr.encodeV3(info.cappedAt(NicInfoLimits.V2_MAX_IPS)));
        assertThat(capped.nics().get(0).ips()).hasSize(64).isEqualTo(ips.subList(0, 64));
    }

    @Test
    void v2ListRoundTripsAddressesAsText() throws Exception {
        byte[] body = NicInfoXdr.encodeV2(goldenInfo());
        // version, present, 1 nic, 18 chars as ints, count 2, 2 x (type, dhcp, 64 ints, 64 ints)
        assertThat(body).hasSize(4 * (3 + 18 + 1) + 2 * (8 + 4 * 128));
        NicInfo decoded = NicInfoXdr.decode(body);
        assertThat(decoded.nics().get(0).macAddress()).isEqualTo("00:50:56:aa:bb:cc");
        assertThat(decoded.nics().get(0).ips())
                .extracting(IpAddressEntry::address, IpAddressEntry::prefixLength)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                goldenInfo().nics().get(0).ips().get(0).address(), 24),
                        org.assertj.core.groups.Tuple.tuple(
                                goldenInfo().nics().get(0).ips().get(1).address(), 64));
    }

    @Test
    void refusesEveryTruncation() {
        byte[] golden = resource("guestinfo-nicinfo-v3.xdr");
        for (int n = 0; n < golden.length; n++) {
            byte[] cut = Arrays.copyOf(golden, n);
            assertThatThrownBy(() -> NicInfoXdr.decode(cut))
                    .as("cut at %d", n)
                    .isInstanceOf(NicInfoFormatException.class);
        }
    }

    @Test
    void refusesLyingLengthsAndCounts() {
        byte[] golden = resource("guestinfo-nicinfo-v3.xdr");
        assertThatThrownBy(() -> NicInfoXdr.decode(patch(golden, 0x08, 0x7fffffff)))
                .isInstanceOf(NicInfoFormatException.class)
                .hasMessageContaining("NICs");
        assertThatThrownBy(() -> NicInfoXdr.decode(patch(golden, 0x08, 17))).hasMessageContaining("over limit 16");
        assertThatThrownBy(() -> NicInfoXdr.decode(patch(golden, 0x0C, 0xfffffff0)))
                .hasMessageContaining("MAC address");
        assertThatThrownBy(() -> NicInfoXdr.decode(patch(golden, 0x24, 2000)))
                .hasMessageContaining("exceeds the remaining");
        assertThatThrownBy(() -> NicInfoXdr.decode(patch(golden, 0x2C, 256))).hasMessageContaining("over limit 255");
        assertThatThrownBy(() -> NicInfoXdr.decode(patch(golden, 0x00, 7))).hasMessageContaining("version 7");
        assertThatThrownBy(() -> NicInfoXdr.decode(patch(golden, 0x04, 2))).hasMessageContaining("boolean");
        byte[] longer = Arrays.copyOf(golden, golden.length + 4);
        assertThatThrownBy(() -> NicInfoXdr.decode(longer)).hasMessageContaining("trailing");
        byte[] badPad = golden.clone();
        badPad[0x21] = 1;
        assertThatThrownBy(() -> NicInfoXdr.decode(badPad)).hasMessageContaining("padding");
    }

    @Test
    void refusesARouteToAMissingNic() throws Exception {
        TypedAddress a = TypedAddress.of(InetAddress.getByName("10.0.0.0"));
        byte[] body = NicInfoXdr.encodeV3(new NicInfo(List.of(), List.of(new Route(a, 8, null, 3, 3, 0)), null));
        assertThatThrownBy(() -> NicInfoXdr.decode(body)).hasMessageContaining("interface index 3");
    }

    @Test
    void encoderEnforcesTheLimits() {
        List<Nic> nics = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            nics.add(new Nic("00:50:56:00:00:01", List.of()));
        }
        assertThatThrownBy(() -> NicInfoXdr.encodeV3(new NicInfo(nics, List.of(), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
        assertThatThrownBy(() -> NicInfoXdr.encodeV3(
                        new NicInfo(List.of(new Nic("00:50:56:00:00:01:02", List.of())), List.of(), null)))
                .hasMessageContaining("MAC");
    }

    private static byte[] patch(byte[] b, int offset, int value) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(offset, value);
        return c;
    }
}
