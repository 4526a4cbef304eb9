package io.github.guesttools.rpc.toolbox;

import static io.github.guesttools.rpc.testing.SimulatedVm.ascii;
import static io.github.guesttools.rpc.testing.SimulatedVm.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.rpc.internal.xdr.NicInfoXdr;
import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.TypedAddress;
import io.github.guesttools.rpc.osinfo.OsInfo;
import io.github.guesttools.rpc.power.PowerOps;
import io.github.guesttools.rpc.testing.SimulatedVm;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolboxTest {
    private final SimulatedVm vm = new SimulatedVm();
    private final AtomicReference<NicInfo> network = new AtomicReference<>();
    private Toolbox toolbox;

    ToolboxTest() throws Exception {
        network.set(nics("192.168.1.10"));
    }

    static NicInfo nics(String ip) throws Exception {
        return new NicInfo(
                List.of(new Nic(
                        "00:50:56:aa:bb:cc",
                        List.of(
                                new IpAddressEntry(TypedAddress.of(InetAddress.getByName("fe80::1")), 64, null, 5),
                                new IpAddressEntry(TypedAddress.of(InetAddress.getByName(ip)), 24, null, 1)))),
                List.of(),
                null);
    }

    /** Handlers here are fast; a generous bound keeps a loaded machine from turning them into timeouts. */
    static final Duration GENEROUS = Duration.ofSeconds(10);

    static final OsInfo OS = new OsInfo(
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

    private Toolbox.Builder builder() {
        return Toolbox.builder(vm.opener())
                .guestInfo(r -> r.network(network::get)
                        .hostName(() -> Optional.of("guest1"))
                        .os(() -> OS)
                        .uptime(() -> 4242L))
                .guestInfoInterval(Duration.ZERO)
                .handlerBound(GENEROUS)
                .powerOps(rpci -> PowerOps.builder(rpci).build());
    }

    private Toolbox start(Toolbox.Builder b) throws Exception {
        toolbox = b.build();
        toolbox.start();
        return toolbox;
    }

    @AfterEach
    void close() {
        if (toolbox != null) {
            toolbox.close();
        }
    }

    @Test
    void goldenReplies() throws Exception {
        start(builder());
        assertThat(vm.request("reset")).isEqualTo(ascii(resource("tclo-rep-reset.txt")));
        assertThat(vm.request("ping")).isEqualTo(ascii(resource("tclo-rep-ping.txt")));
        assertThat(vm.request("Capabilities_Register"))
                .isEqualTo(ascii(resource("tclo-rep-Capabilities_Register.txt")));
        assertThat(vm.request("Set_Option synctime 0"))
                .isEqualTo(ascii(resource("tclo-rep-Set_Option_synctime_0.txt")));
        // govmomi answers a bare "Unknown Command"; open-vm-tools' exact string is required instead.
        assertThat(ascii(resource("tclo-rep-no_such_rpc.txt"))).isEqualTo("Unknown Command");
        assertThat(vm.request("no_such_rpc")).isEqualTo("ERROR " + ascii(resource("tclo-rep-no_such_rpc.txt")));
    }

    @Test
    void resetPushesGuestInfoThenUnifiedLoopAndOneVersionLine() throws Exception {
        start(builder().version("9.9.9"));
        assertThat(vm.request("reset")).isEqualTo("OK ATR toolbox");
        vm.awaitRpci("vmx.capability.unified_loop toolbox\0");
        vm.awaitRpci("log toolbox: Version: 9.9.9\0");
        assertThat(NicInfoXdr.decode(vm.vmx().rpci().setGuestInfo(10).orElseThrow()))
                .isEqualTo(network.get());
        assertThat(vm.vmx().rpci().setGuestInfo(1).map(SimulatedVm::ascii)).contains("guest1\0");
        assertThat(vm.vmx().rpci().setGuestInfo(7).map(SimulatedVm::ascii)).contains("4242\0");
        assertThat(vm.vmx().rpci().setGuestInfo(4).map(SimulatedVm::ascii)).contains("build-0\0");
        assertThat(vm.vmx().rpci().setGuestInfo(11)).isPresent();
        assertThat(vm.request("reset")).isEqualTo("OK ATR toolbox");
        SimulatedVm.await(
                () -> vm.rpciTexts().stream()
                                .filter(t -> t.startsWith("vmx.capability.unified_loop"))
                                .count()
                        == 2,
                "second unified_loop");
        assertThat(vm.rpciTexts().stream()
                        .filter(t -> t.startsWith("log toolbox: Version"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void capabilitiesRegisterSendsTheConfiguredSet() throws Exception {
        start(builder());
        assertThat(vm.request("Capabilities_Register")).isEqualTo("OK ");
        vm.awaitRpci("SetGuestInfo  7 4242\0");
        assertThat(vm.rpciTexts())
                .containsSubsequence(
                        "tools.set.version 2147483647\0",
                        "tools.capability.statechange ",
                        "tools.capability.softpowerop_retry ",
                        "tools.capability.hgfs_server toolbox 1\0",
                        "SetGuestInfo  7 4242\0");
        assertThat(vm.vmx().rpci().toolsVersion()).contains("2147483647");
        assertThat(vm.vmx().rpci().capabilities()).containsKeys("statechange", "softpowerop_retry", "hgfs_server");
    }

    @Test
    void capabilitiesAreConfigurable() throws Exception {
        start(builder()
                .capabilities(
                        Capabilities.none().with("tools.set.version 13344").withNoValue("x")));
        assertThat(vm.request("Capabilities_Register")).isEqualTo("OK ");
        assertThat(vm.rpciTexts()).startsWith("tools.set.version 13344\0", "tools.capability.x ");
        assertThat(vm.rpciTexts()).noneMatch(t -> t.contains("hgfs_server"));
    }

    @Test
    void broadcastIpSetsGuestInfoIpAndPushesNicInfo() throws Exception {
        start(builder());
        assertThat(vm.request("Set_Option broadcastIP 1")).isEqualTo("OK ");
        assertThat(vm.vmx().rpci().guestInfo("guestinfo.ip")).contains("192.168.1.10");
        SimulatedVm.await(() -> vm.vmx().rpci().setGuestInfo(10).isPresent(), "NIC info pushed");
        assertThat(vm.rpciTexts().indexOf("info-set guestinfo.ip 192.168.1.10\0"))
                .isLessThan(vm.rpciTexts()
                        .indexOf(vm.rpciTexts().stream()
                                .filter(t -> t.startsWith("SetGuestInfo  10 "))
                                .findFirst()
                                .orElseThrow()));
        network.set(nics("10.1.2.3"));
        assertThat(vm.request("Set_Option broadcastIP 1")).isEqualTo("OK ");
        assertThat(vm.vmx().rpci().guestInfo("guestinfo.ip")).contains("10.1.2.3");
        SimulatedVm.await(() -> nicPushes() == 2, "changed NIC info pushed");
        assertThat(NicInfoXdr.decode(vm.vmx().rpci().setGuestInfo(10).orElseThrow()))
                .isEqualTo(network.get());
        int before = vm.rpciTexts().size();
        assertThat(vm.request("Set_Option broadcastIP 0")).isEqualTo("OK ");
        assertThat(vm.rpciTexts()).hasSize(before);
    }

    @Test
    void embedderOverridesThePrimaryIp() throws Exception {
        start(builder().primaryIp(() -> Optional.of(InetAddress.getByName("203.0.113.7"))));
        assertThat(vm.request("Set_Option broadcastIP 1")).isEqualTo("OK ");
        assertThat(vm.vmx().rpci().guestInfo("guestinfo.ip")).contains("203.0.113.7");
    }

    @Test
    void broadcastIpWithoutAnAddressOrRefusedIsAnError() throws Exception {
        network.set(NicInfo.EMPTY);
        start(builder());
        assertThat(vm.request("Set_Option broadcastIP 1")).isEqualTo("ERROR No IP address to broadcast");
        network.set(nics("192.168.1.10"));
        vm.vmx()
                .rpci()
                .register(
                        "info-set",
                        c -> io.github.guesttools.backdoor.simulator.RpciHandler.error("Permission denied"));
        assertThat(vm.request("Set_Option broadcastIP 1")).startsWith("ERROR ").contains("Permission denied");
        assertThat(vm.request("ping")).isEqualTo("OK ");
    }

    @Test
    void malformedSetOptionGetsAnErrorNotACrash() throws Exception {
        start(builder());
        vm.assertReplies(
                "Set_Option", "ERROR Invalid option",
                "Set_Option synctime", "ERROR Invalid option",
                "Set_Option synctime ", "ERROR Invalid option",
                "Set_Option  1", "ERROR Invalid option",
                "Set_Option broadcastIP yes", "ERROR Invalid option value yes",
                "Set_Option toolScripts.afterPowerOn 7", "ERROR Invalid option value 7",
                "Set_Option enableDnD 1\0", "OK ",
                "ping", "OK ");
    }

    @Test
    void customHandlersAndOptionListeners() throws Exception {
        start(builder());
        toolbox.handlers()
                .register(
                        "My_Rpc",
                        args -> ("got " + ascii(args)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        AtomicReference<String> level = new AtomicReference<>();
        toolbox.onOption("guestLogLevel", level::set);
        assertThat(vm.request("My_Rpc x y")).isEqualTo("OK got x y");
        assertThat(vm.request("Set_Option guestLogLevel debug")).isEqualTo("OK ");
        assertThat(level).hasValue("debug");
    }

    @Test
    void powerOpsAreOffUnlessConfigured() throws Exception {
        start(Toolbox.builder(vm.opener())
                .guestInfo(r -> r.network(network::get))
                .guestInfoInterval(Duration.ZERO)
                .handlerBound(GENEROUS));
        assertThat(vm.request("OS_Halt")).isEqualTo("ERROR Unknown Command");
    }

    @Test
    void suspendWithoutScriptAnswersOkAndReportsSuccess() throws Exception {
        start(builder());
        assertThat(vm.request("OS_Suspend")).isEqualTo(ascii(resource("tclo-rep-OS_Suspend.txt")));
        vm.awaitRpci("tools.os.statechange.status 1 5\0");
    }

    @Test
    void periodicPollSendsOnlyChanges() throws Exception {
        start(builder().guestInfoInterval(Duration.ofMillis(20)));
        SimulatedVm.await(() -> vm.vmx().rpci().setGuestInfo(10).isPresent(), "first NIC push");
        SimulatedVm.await(() -> vm.vmx().callCount() > 0, "calls");
        long nicPushes = nicPushes();
        network.set(nics("10.9.9.9"));
        SimulatedVm.await(() -> nicPushes() == nicPushes + 1, "a push of the changed NIC info");
        assertThat(NicInfoXdr.decode(vm.vmx().rpci().setGuestInfo(10).orElseThrow()))
                .isEqualTo(network.get());
        toolbox.guestInfo().pushChanged();
        toolbox.guestInfo().pushChanged();
        assertThat(nicPushes()).isEqualTo(nicPushes + 1);
    }

    private long nicPushes() {
        return vm.rpciTexts().stream()
                .filter(t -> t.startsWith("SetGuestInfo  10 "))
                .count();
    }

    @Test
    void secondToolboxOnTheSameVmFailsCleanly() throws Exception {
        start(builder());
        Toolbox second = builder().build();
        assertThatThrownBy(second::start).isInstanceOf(io.github.guesttools.rpc.channel.ChannelInUseException.class);
        second.close();
        assertThat(vm.request("ping")).isEqualTo("OK ");
    }

    @Test
    void restartsAfterStop() throws Exception {
        start(builder());
        assertThat(vm.request("ping")).isEqualTo("OK ");
        assertThatThrownBy(toolbox::start).isInstanceOf(IllegalStateException.class);
        toolbox.stop();
        toolbox.stop();
        toolbox.start();
        assertThat(vm.request("reset")).isEqualTo("OK ATR toolbox");
        vm.awaitRpci("vmx.capability.unified_loop toolbox\0");
    }
}
