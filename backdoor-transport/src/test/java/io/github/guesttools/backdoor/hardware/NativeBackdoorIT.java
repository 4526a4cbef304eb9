package io.github.guesttools.backdoor.hardware;

import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.Backdoors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs in {@code verify} against the packaged jar: the native helper loads from the jar, CPUID
 * reports this machine's real hypervisor (KVM), and the native backdoor refuses with a typed
 * exception instead of letting a port instruction kill the JVM.
 */
class NativeBackdoorIT {

    @Test
    void nativeHelperIsLoadedFromTheJar() {
        URL library = NativeBackdoor.class.getResource("/linux-x86-64/libguesttools_backdoor.so");
        assertThat(library).isNotNull();
        assertThat(library.getProtocol()).isEqualTo("jar");
        assertThat(library.getPath()).contains("backdoor-transport");
    }

    @Test
    void cpuidReportsThisMachinesHypervisor() throws Exception {
        Hypervisor hypervisor = Hypervisor.detect();
        assertThat(hypervisor.present()).isTrue();
        assertThat(hypervisor.vendor()).isEqualTo(Hypervisor.KVM);
        assertThat(hypervisor.isVmware()).isFalse();
        CpuidResult leaf0 = Cpuid.execute(0);
        assertThat(Integer.compareUnsigned(leaf0.eax(), 1)).as("max basic leaf").isPositive();
    }

    @Test
    void nativeBackdoorRefusesOffVmware() {
        assertThatThrownBy(NativeBackdoor::open).isInstanceOf(BackdoorUnavailableException.class)
                .hasMessageContaining("not VMware");
        assertThatThrownBy(() -> Backdoors.open("native")).isInstanceOf(BackdoorUnavailableException.class);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)  // hang guard only
    void aProcessThatTriesSurvives() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), NativeRefusalProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("refused: BackdoorUnavailableException").contains("still alive");
    }
}
