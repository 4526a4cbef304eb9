package io.github.guesttools.rpc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.RpciCommand;
import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.rpc.diskinfo.DiskInfo;
import io.github.guesttools.rpc.diskinfo.DiskInfoEncoder;
import io.github.guesttools.rpc.internal.xdr.NicInfoXdr;
import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.TypedAddress;
import io.github.guesttools.rpc.osinfo.OsDetailed;
import io.github.guesttools.rpc.osinfo.OsInfo;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.testing.SimulatedVm;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuestInfoReporterTest {
    private static final OsInfo OS = new OsInfo(
            "debian12-64",
            "Debian GNU/Linux 12 (bookworm)",
            "X86",
            "64",
            "",
            "Debian GNU/Linux",
            "12",
            "12 (bookworm)",
            "Linux",
            "6.1.0",
            "Debian GNU/Linux 12 (bookworm)");

    private final SimulatedVm vm = new SimulatedVm();
    private final RpciClient rpci = new RpciClient(vm.opener());
    /** SetGuestInfo types the fake host refuses; the accepted bodies by type, in order. */
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();

    private final List<Map.Entry<Integer, byte[]>> accepted = new CopyOnWriteArrayList<>();
    private NicInfo network;
    private volatile List<DiskInfo> disks = List.of(new DiskInfo("/", 5L << 30, 20L << 30, "ext4", List.of()));

    GuestInfoReporterTest() throws Exception {
        network = bigNic(100);
        vm.vmx().rpci().register("SetGuestInfo", this::setGuestInfo);
    }

    /** A host that refuses some types, like older VMX versions refuse 10 and 11. */
    private byte[] setGuestInfo(RpciCommand c) {
        byte[] args = c.arguments();
        int i = 1;
        int type = 0;
        while (args[i] != ' ') {
            type = type * 10 + args[i++] - '0';
        }
        if (refused.contains(type)) {
            return RpciHandler.error("Unknown or invalid type");
        }
        accepted.add(Map.entry(type, Arrays.copyOfRange(args, i + 1, args.length)));
        return RpciHandler.ok("");
    }

    @AfterEach
    void close() {
        rpci.close();
    }

    static NicInfo bigNic(int ips) throws Exception {
        List<IpAddressEntry> list = new ArrayList<>();
        for (int i = 0; i < ips; i++) {
            list.add(new IpAddressEntry(
                    TypedAddress.of(InetAddress.getByName("10.0." + (i / 250) + "." + (i % 250 + 1))), 16, null, 1));
        }
        return new NicInfo(List.of(new Nic("00:50:56:aa:bb:cc", list)), List.of(), null);
    }

    private GuestInfoReporter reporter() {
        return GuestInfoReporter.builder(rpci)
                .network(() -> network)
                .os(() -> OS)
                .hostName(() -> Optional.of("h"))
                .uptime(() -> 100L)
                .disks(() -> disks)
                .build();
    }

    private List<Integer> types() {
        return accepted.stream().map(Map.Entry::getKey).toList();
    }

    private byte[] last(int type) {
        byte[] body = null;
        for (Map.Entry<Integer, byte[]> e : accepted) {
            if (e.getKey() == type) {
                body = e.getValue();
            }
        }
        return body;
    }

    @Test
    void sendsEverythingInGatherOrder() throws Exception {
        reporter().pushAll();
        assertThat(types()).containsExactly(4, 11, 1, 10, 7);
        assertThat(last(11)).isEqualTo(OsDetailed.encode(OS));
        assertThat(NicInfoXdr.decode(last(10))).isEqualTo(network);
    }

    @Test
    void disksGoAfterTheOsAndBeforeTheHostNameAsJson() {
        reporter().pushAll();
        List<String> names = vm.vmx().rpciCommands().stream()
                .map(c -> c.commandText()
                        .substring(0, Math.min(15, c.commandText().length())))
                .toList();
        assertThat(names).containsSubsequence("SetGuestInfo  1", "SetGuestDiskInf", "SetGuestInfo  1");
        assertThat(vm.vmx().rpci().diskInfoJson().map(b -> new String(b, StandardCharsets.UTF_8)))
                .contains("{\n\"version\":\"1\",\n\"disks\":[\n{\"name\":\"Lw==\",\"free\":\"5368709120\","
                        + "\"size\":\"21474836480\",\"fstype\":\"ext4\"}\n]}\0");
    }

    @Test
    void disksAreResentOnlyWhenChanged() {
        GuestInfoReporter r = reporter();
        r.pushAll();
        r.pushChanged();
        assertThat(diskMessages()).isEqualTo(1);
        disks = List.of(new DiskInfo("/", 4L << 30, 20L << 30, "ext4", List.of()));
        r.pushChanged();
        assertThat(diskMessages()).isEqualTo(2);
        assertThat(vm.vmx().rpci().diskInfoJson())
                .contains(Arrays.copyOfRange(
                        DiskInfoEncoder.json(disks), "SetGuestDiskInfo ".length(), DiskInfoEncoder.json(disks).length));
    }

    @Test
    void aHostWithoutJsonGetsType3InTheSameCycleAndJsonIsNotRetriedUntilReset() {
        vm.vmx().rpci().refuseDiskInfoJson(true);
        GuestInfoReporter r = reporter();
        r.pushAll();
        assertThat(last(3))
                .isEqualTo(Arrays.copyOfRange(
                        DiskInfoEncoder.legacy(disks),
                        "SetGuestInfo  3 ".length(),
                        DiskInfoEncoder.legacy(disks).length));
        assertThat(jsonAttempts()).isEqualTo(1);
        disks = List.of(new DiskInfo("/", 1, 2, "ext4", List.of()));
        r.pushChanged();
        r.pushChanged();
        assertThat(jsonAttempts()).as("refusal remembered").isEqualTo(1);
        assertThat(types().stream().filter(t -> t == 3).count())
                .as("type 3 only on change")
                .isEqualTo(2);
        vm.vmx().rpci().refuseDiskInfoJson(false);
        r.pushAll();
        assertThat(jsonAttempts()).as("reset tries JSON again").isEqualTo(2);
        assertThat(vm.vmx().rpci().diskInfoJson()).isPresent();
    }

    @Test
    void aReplyWithTextCountsAsRefusal() {
        vm.vmx().rpci().register("SetGuestDiskInfo", c -> RpciHandler.ok("not supported"));
        reporter().pushAll();
        assertThat(last(3)).isNotNull();
    }

    @Test
    void noDiskSourceSendsNothing() {
        GuestInfoReporter.builder(rpci)
                .network(() -> network)
                .os(() -> OS)
                .hostName(() -> Optional.of("h"))
                .uptime(() -> 100L)
                .disks(null)
                .build()
                .pushAll();
        assertThat(jsonAttempts()).isZero();
        assertThat(types()).doesNotContain(3);
    }

    private long jsonAttempts() {
        return vm.vmx().rpciCommands().stream()
                .filter(c -> c.commandText().startsWith("SetGuestDiskInfo "))
                .count();
    }

    private long diskMessages() {
        return jsonAttempts() + types().stream().filter(t -> t == 3).count();
    }

    @Test
    void fallsBackToCappedV3AsType9AndRemembersIt() throws Exception {
        refused.add(10);
        GuestInfoReporter r = reporter();
        assertThat(r.pushNicInfo()).isTrue();
        assertThat(NicInfoXdr.decode(last(9)).nics().get(0).ips()).hasSize(64);
        int attempts = vm.vmx().rpciCommands().size();
        network = bigNic(101);
        assertThat(r.pushNicInfo()).isTrue();
        assertThat(vm.vmx().rpciCommands())
                .as("type 10 not retried once refused")
                .hasSize(attempts + 1);
    }

    @Test
    void fallsBackToTheV2List() throws Exception {
        refused.add(10);
        vm.vmx().rpci().register("SetGuestInfo", c -> {
            byte[] a = c.arguments();
            // This host accepts type 9 only with a version-2 body.
            if (a[1] == '9' && a[3 + 3] == 3) {
                return RpciHandler.error("bad version");
            }
            return setGuestInfo(c);
        });
        assertThat(reporter().pushNicInfo()).isTrue();
        NicInfo v2 = NicInfoXdr.decode(last(9));
        assertThat(v2.nics().get(0).ips()).hasSize(64);
        assertThat(v2.nics().get(0).ips().get(0).address())
                .isEqualTo(network.nics().get(0).ips().get(0).address());
    }

    @Test
    void fallsBackToTheV1StructLast() {
        refused.addAll(List.of(9, 10));
        assertThat(reporter().pushNicInfo()).isTrue();
        assertThat(last(2)).hasSize(io.github.guesttools.rpc.internal.xdr.NicInfoV1.SIZE);
    }

    @Test
    void reportsFailureWhenEveryFormatIsRefused() {
        refused.addAll(List.of(2, 9, 10));
        assertThat(reporter().pushNicInfo()).isFalse();
    }

    @Test
    void successNeedsAnEmptyReplyText() {
        vm.vmx().rpci().register("SetGuestInfo", c -> RpciHandler.ok("but something"));
        assertThat(reporter().pushNicInfo()).isFalse();
    }

    @Test
    void refusedDetailedOsFallsBackToNames() throws Exception {
        refused.add(11);
        reporter().pushAll();
        assertThat(types()).containsExactly(4, 5, 6, 1, 10, 7);
        assertThat(new String(last(5), StandardCharsets.ISO_8859_1)).isEqualTo("Debian GNU/Linux 12 (bookworm)\0");
        assertThat(new String(last(6), StandardCharsets.ISO_8859_1)).isEqualTo("debian12-64\0");
    }

    @Test
    void unchangedInfoIsNotResentButResetResendsEverything() throws Exception {
        GuestInfoReporter r = reporter();
        r.pushAll();
        int n = accepted.size();
        r.pushChanged();
        r.pushChanged();
        assertThat(accepted).hasSize(n);
        network = bigNic(3);
        r.pushChanged();
        assertThat(types().subList(n, types().size())).containsExactly(10);
        r.pushAll();
        assertThat(types().subList(n + 1, types().size())).containsExactly(4, 11, 1, 10, 7);
    }

    @Test
    void failingSourcesAreLoggedNotThrown() {
        GuestInfoReporter r = GuestInfoReporter.builder(rpci)
                .network(() -> {
                    throw new java.io.IOException("no network");
                })
                .os(() -> {
                    throw new java.io.IOException("no os");
                })
                .hostName(() -> Optional.of("h"))
                .uptime(() -> 1L)
                .build();
        r.pushAll();
        assertThat(types()).containsExactly(4, 1, 7);
        assertThat(r.pushNicInfo()).isFalse();
    }
}
