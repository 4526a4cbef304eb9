package io.github.guesttools.toolbox.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.hardware.CpuidResult;
import io.github.guesttools.backdoor.hardware.CpuidSource;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.backdoor.simulator.RecordedRpci;
import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-check against the simulator bridge and, through CPUID seams, off VMware. */
class SelfCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** CPUID as a hypervisor with this vendor reports it. */
    private static CpuidSource cpuid(String vendor) {
        return leaf -> {
            if (leaf == 1) {
                return new CpuidResult(0, 0, 0x8000_0000, 0);
            }
            ByteBuffer b = ByteBuffer.wrap(vendor.getBytes(StandardCharsets.ISO_8859_1))
                    .order(ByteOrder.LITTLE_ENDIAN);
            return new CpuidResult(0x4000_0010, b.getInt(0), b.getInt(4), b.getInt(8));
        };
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passesAgainstTheSimulatorBridgeReadOnly() throws Exception {
        VmxSimulator vmx = new VmxSimulator();
        try (BridgeServer bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"))) {
            int status = SelfCheck.run(
                    new String[] {"--self-check", "--backdoor", "unix:" + bridge.path()},
                    out,
                    Backdoors::open,
                    cpuid("VMwareVMware"));
            assertThat(status).as(output()).isEqualTo(SelfCheck.PASSED);
        }
        assertThat(output().lines())
                .contains("CPUID: hypervisor 'VMwareVMware' (VMware)", "self-check passed")
                .anySatisfy(l -> assertThat(l).startsWith("PASS GETVERSION: version 6"))
                .anySatisfy(l -> assertThat(l).matches("PASS info-get guestinfo\\.\\S+: '0 No value found'"))
                .contains("PASS close RPCI channel: closed")
                .noneSatisfy(l -> assertThat(l).startsWith("FAIL"));
        // read-only: one RPCI command (the info-get), every channel closed again, no TCLO traffic
        assertThat(vmx.rpciCommands())
                .extracting(RecordedRpci::commandText)
                .singleElement()
                .satisfies(c -> assertThat(c).startsWith("info-get guestinfo."));
        assertThat(vmx.openChannels()).isZero();
    }

    @Test
    void offVmwareTheRefusalExitsWith69() {
        String refusal = "CPUID reports hypervisor 'bhyve bhyve ', not VMware";
        int status = SelfCheck.run(
                new String[] {"--self-check"},
                out,
                location -> {
                    assertThat(location).isEqualTo(Backdoors.NATIVE);
                    throw new BackdoorUnavailableException(refusal);
                },
                cpuid("bhyve bhyve "));
        assertThat(status).isEqualTo(SelfCheck.NOT_VMWARE).isEqualTo(69);
        assertThat(output().lines())
                .contains(
                        "CPUID: hypervisor 'bhyve bhyve ' (not VMware)",
                        "backdoor: native",
                        "FAIL open backdoor native: " + refusal,
                        "self-check: not a VMware virtual machine (exit 69)");
    }

    @Test
    void bareMetalAndAMissingBridgeAre69Too() {
        int status = SelfCheck.run(
                new String[] {"--self-check", "--backdoor", "unix:" + dir.resolve("none.sock")},
                out,
                Backdoors::open,
                leaf -> new CpuidResult(0, 0, 0, 0));
        assertThat(status).isEqualTo(SelfCheck.NOT_VMWARE);
        assertThat(output()).contains("CPUID: no hypervisor (bare metal)").contains("FAIL open backdoor unix:");
    }

    @Test
    void anUnexpectedAnswerFailsWithStatusOne() throws Exception {
        VmxSimulator vmx = new VmxSimulator();
        vmx.rpci().register("info-get", c -> RpciHandler.ok("set after all"));
        try (BridgeServer bridge = BridgeServer.start(vmx, dir.resolve("vmx.sock"))) {
            assertThat(SelfCheck.run(
                            new String[] {"--backdoor", "unix:" + bridge.path(), "--self-check"},
                            out,
                            Backdoors::open,
                            cpuid("VMwareVMware")))
                    .isEqualTo(SelfCheck.FAILED);
        }
        assertThat(output())
                .contains("FAIL info-get")
                .contains("'1 set after all'")
                .contains("self-check FAILED");
        assertThat(vmx.openChannels()).isZero();
    }

    @Test
    void usageErrors() {
        assertThat(SelfCheck.run(new String[] {"--self-check", "--trace"}, out, Backdoors::open, cpuid("x")))
                .isEqualTo(SelfCheck.USAGE);
        assertThat(SelfCheck.run(new String[] {"--self-check", "--backdoor"}, out, Backdoors::open, cpuid("x")))
                .isEqualTo(SelfCheck.USAGE);
        assertThat(output())
                .contains("unknown option with --self-check: --trace")
                .contains("--backdoor needs a value");
    }
}
