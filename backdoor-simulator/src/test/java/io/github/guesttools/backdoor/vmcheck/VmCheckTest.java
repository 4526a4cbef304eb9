package io.github.guesttools.backdoor.vmcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.hardware.CpuidResult;
import io.github.guesttools.backdoor.hardware.CpuidSource;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VmCheckTest {

    private static CpuidSource cpuid(String vendor) {
        return leaf -> {
            if (leaf == 1) {
                return new CpuidResult(0, 0, 0x8000_0000, 0);
            }
            ByteBuffer b = ByteBuffer.wrap(vendor.getBytes(StandardCharsets.ISO_8859_1))
                    .order(ByteOrder.LITTLE_ENDIAN);
            return new CpuidResult(0, b.getInt(0), b.getInt(4), b.getInt(8));
        };
    }

    @Test
    void knocksOnlyWhenCpuidSaysVmware() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        VmxSimulator vmx = new VmxSimulator();
        assertThat(VmCheck.probe(cpuid("KVMKVMKVM\0\0\0"), () -> {
                    opened.incrementAndGet();
                    return vmx;
                }))
                .isEmpty();
        assertThat(opened).hasValue(0);
        assertThat(vmx.callCount()).isZero();

        assertThat(VmCheck.probe(cpuid("VMwareVMware"), () -> {
                    opened.incrementAndGet();
                    return vmx;
                }))
                .contains(new VmwareVersion(6, VmxSimulator.VMX_TYPE_ESX));
        assertThat(opened).hasValue(1);
        assertThat(vmx.calls())
                .singleElement()
                .satisfies(c -> assertThat(c.in().ebx()).isEqualTo(0xA9B2A797));
    }

    @Test
    void neverKnocksWithoutAHypervisorOrWhenCpuidIsUnavailable() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        VmCheck.BackdoorOpener opener = () -> {
            opened.incrementAndGet();
            return new VmxSimulator();
        };
        // bare metal: the present bit is clear, whatever the vendor leaf says
        assertThat(VmCheck.probe(leaf -> new CpuidResult(0, 0, 0, 0), opener)).isEmpty();
        // other hypervisors
        assertThat(VmCheck.probe(cpuid("bhyve bhyve "), opener)).isEmpty();
        assertThat(VmCheck.probe(cpuid("Microsoft Hv"), opener)).isEmpty();
        // no native helper on this platform
        assertThat(VmCheck.probe(
                        leaf -> {
                            throw new BackdoorUnavailableException("no helper here");
                        },
                        opener))
                .isEmpty();
        assertThat(opened).hasValue(0);
    }

    @Test
    void aWrongGetversionAnswerIsNotVmware() throws Exception {
        Backdoor silent = new Backdoor() { // what a port that is not VMware's might leave in the registers
                    @Override
                    public Registers lowBandwidth(Registers in) {
                        return new Registers(0xFFFF_FFFF, 0, 0, 0, 0, 0, 0);
                    }

                    @Override
                    public Registers highBandwidthOut(Registers in, ByteBuffer source) {
                        throw new AssertionError("not called");
                    }

                    @Override
                    public Registers highBandwidthIn(Registers in, ByteBuffer destination) {
                        throw new AssertionError("not called");
                    }
                };
        assertThat(VmCheck.probe(cpuid("VMwareVMware"), () -> silent)).isEmpty();
    }
}
