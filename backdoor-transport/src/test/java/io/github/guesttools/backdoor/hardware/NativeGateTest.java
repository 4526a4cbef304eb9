package io.github.guesttools.backdoor.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.BackdoorUnavailableException;
import org.junit.jupiter.api.Test;

class NativeGateTest {

    private static CpuidSource cpuid(boolean present, String vendor) {
        return leaf -> {
            if (leaf == 1) {
                return new CpuidResult(0, 0, present ? 0x8000_0000 : 0, 0);
            }
            byte[] v = vendor.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(v).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            return new CpuidResult(0x4000_0010, b.getInt(0), b.getInt(4), b.getInt(8));
        };
    }

    @Test
    void decodesTheVendorFromEbxEcxEdx() throws Exception {
        assertThat(Hypervisor.detect(cpuid(true, "VMwareVMware"))).isEqualTo(new Hypervisor(true, "VMwareVMware"));
        assertThat(Hypervisor.detect(cpuid(true, "VMwareVMware")).isVmware()).isTrue();
        assertThat(Hypervisor.detect(cpuid(true, Hypervisor.KVM)).isVmware()).isFalse();
        // The vendor leaf is not even read without the hypervisor-present bit.
        assertThat(Hypervisor.detect(leaf -> {
                    assertThat(leaf).isEqualTo(1);
                    return new CpuidResult(0, 0, 0, 0);
                }))
                .isEqualTo(new Hypervisor(false, ""));
        // A VMware vendor without the present bit is not VMware.
        assertThat(Hypervisor.detect(cpuid(false, "VMwareVMware")).isVmware()).isFalse();
    }

    @Test
    void gateAcceptsVmwareOnly() {
        assertThatCode(() -> NativeBackdoor.checkGate(new Hypervisor(true, "VMwareVMware"), false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> NativeBackdoor.checkGate(new Hypervisor(true, Hypervisor.KVM), false))
                .isInstanceOf(BackdoorUnavailableException.class)
                .hasMessageContaining("KVMKVMKVM\\0\\0\\0")
                .hasMessageContaining(NativeBackdoor.TRUST_EMULATED_PORT_PROPERTY);
    }

    @Test
    void overrideTrustsAHypervisorButNeverBareMetal() {
        assertThatCode(() -> NativeBackdoor.checkGate(new Hypervisor(true, Hypervisor.KVM), true))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> NativeBackdoor.checkGate(new Hypervisor(false, ""), true))
                .isInstanceOf(BackdoorUnavailableException.class)
                .hasMessageContaining("no hypervisor");
    }
}
