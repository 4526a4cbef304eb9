package io.github.guesttools.backdoor.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.backdoor.vmcheck.ReadOnlyBackdoorCheck;
import io.github.guesttools.backdoor.vmcheck.VmCheck;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * Runs in {@code verify} against the packaged jar, on whatever machine builds it: the native
 * helper loads from the jar and CPUID answers. What follows depends on what CPUID reports, and
 * each test prints the branch it took:
 * <ul>
 *   <li>off VMware (bare metal, KVM, bhyve, Hyper-V, ...): the native backdoor refuses with a
 *       typed exception instead of letting a port instruction kill the JVM;</li>
 *   <li>on VMware, or on a hypervisor trusted with {@value NativeBackdoor#TRUST_EMULATED_PORT_PROPERTY}:
 *       the real backdoor, read-only ({@link ReadOnlyBackdoorCheck}: GETVERSION, RPCI,
 *       {@code info-get} of an unset key, close), safe next to a running vmtoolsd; never TCLO.</li>
 * </ul>
 * Which hypervisor is expected is never asserted: that is the unit tests' job, with a fake CPUID.
 */
class NativeBackdoorIT {

    private static boolean trusted() {
        return Boolean.getBoolean(NativeBackdoor.TRUST_EMULATED_PORT_PROPERTY);
    }

    /** Whether the CPUID gate lets the native backdoor touch the port here. */
    private static boolean gateOpens(Hypervisor hypervisor) {
        return hypervisor.isVmware() || (trusted() && hypervisor.present());
    }

    private static String describe(Hypervisor hypervisor) {
        return hypervisor.present() ? "hypervisor '" + hypervisor.vendor().replace("\0", "\\0") + "'" : "no hypervisor";
    }

    /** Says which branch the test took; test-console prints it on the build console. */
    private static void branch(TestReporter reporter, String branch) {
        reporter.publishEntry("branch", branch);
    }

    @Test
    void nativeHelperIsLoadedFromTheJar() {
        URL library = NativeBackdoor.class.getResource("/linux-x86-64/libguesttools_backdoor.so");
        assertThat(library).isNotNull();
        assertThat(library.getProtocol()).isEqualTo("jar");
        assertThat(library.getPath()).contains("backdoor-transport");
    }

    @Test
    void cpuidAnswersConsistently(TestReporter reporter) throws Exception {
        Hypervisor hypervisor = Hypervisor.detect();
        branch(reporter, describe(hypervisor));
        assertThat(Hypervisor.detect()).as("CPUID is deterministic").isEqualTo(hypervisor);
        if (hypervisor.present()) {
            assertThat(hypervisor.vendor()).hasSize(12);
        } else {
            assertThat(hypervisor.vendor()).isEmpty();
            assertThat(hypervisor.isVmware()).isFalse();
        }
        CpuidResult leaf0 = Cpuid.execute(0);
        assertThat(Integer.compareUnsigned(leaf0.eax(), 1)).as("max basic leaf").isPositive();
    }

    @Test
    void nativeBackdoorOpensOnlyWhereTheGateAllows(TestReporter reporter) throws Exception {
        Hypervisor hypervisor = Hypervisor.detect();
        if (gateOpens(hypervisor)) {
            branch(
                    reporter,
                    describe(hypervisor) + (hypervisor.isVmware() ? "" : " trusted")
                            + ": real backdoor, read-only check");
            List<ReadOnlyBackdoorCheck.Step> steps = new ArrayList<>();
            try (Backdoor backdoor = NativeBackdoor.open()) {
                boolean passed = ReadOnlyBackdoorCheck.run(backdoor, step -> {
                    reporter.publishEntry("step", step.toString());
                    steps.add(step);
                });
                assertThat(passed).as(steps.toString()).isTrue();
            }
            assertThat(steps).extracting(ReadOnlyBackdoorCheck.Step::name).hasSize(4);
            try (Backdoor backdoor = Backdoors.open("native")) {
                assertThat(backdoor).isInstanceOf(NativeBackdoor.class);
            }
        } else {
            branch(reporter, describe(hypervisor) + ": refusal");
            assertThatThrownBy(NativeBackdoor::open)
                    .isInstanceOf(BackdoorUnavailableException.class)
                    .hasMessageContaining(hypervisor.present() ? "not VMware" : "no hypervisor");
            assertThatThrownBy(() -> Backdoors.open("native")).isInstanceOf(BackdoorUnavailableException.class);
        }
    }

    @Test
    void vmCheckAgreesWithCpuid(TestReporter reporter) throws Exception {
        Hypervisor hypervisor = Hypervisor.detect();
        branch(
                reporter,
                describe(hypervisor)
                        + (hypervisor.isVmware() ? ": GETVERSION knock must answer" : ": no knock, not VMware"));
        assertThat(VmCheck.isVmware()).isEqualTo(hypervisor.isVmware());
        assertThat(VmCheck.probe().isPresent()).isEqualTo(hypervisor.isVmware());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only
    void aProcessThatTriesSurvives(TestReporter reporter)
            throws IOException, InterruptedException, BackdoorUnavailableException {
        Hypervisor hypervisor = Hypervisor.detect();
        boolean opens = gateOpens(hypervisor);
        branch(
                reporter,
                describe(hypervisor) + (opens ? ": read-only check in a child JVM" : ": refusal in a child JVM"));
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-D" + NativeBackdoor.TRUST_EMULATED_PORT_PROPERTY + "=" + trusted(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        NativeRefusalProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output)
                .contains(opens ? "PASS close RPCI channel" : "refused: BackdoorUnavailableException")
                .contains("still alive");
    }
}
