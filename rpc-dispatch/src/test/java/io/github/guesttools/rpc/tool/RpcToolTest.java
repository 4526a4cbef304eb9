package io.github.guesttools.rpc.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.vmcheck.ReadOnlyBackdoorCheck;
import io.github.guesttools.backdoor.vmcheck.VmCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class RpcToolTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
    private final PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);

    @Test
    void printsTheValueAndExitsZero() {
        VmxSimulator vmx = new VmxSimulator();
        vmx.rpci().putGuestInfo("guestinfo.userdata", "dXNlcmRhdGE=");
        assertThat(RpcTool.run("info-get guestinfo.userdata", vmx, o, e)).isEqualTo(RpcTool.OK);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("dXNlcmRhdGE=" + System.lineSeparator());
    }

    @Test
    void refusalGoesToStandardErrorWithStatusOne() {
        assertThat(RpcTool.run("info-get guestinfo.none", new VmxSimulator(), o, e))
                .isEqualTo(RpcTool.REFUSED);
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).startsWith("No value found");
        assertThat(out.size()).isZero();
    }

    @Test
    void usageErrors() {
        assertThat(RpcTool.run(new String[0], o, e)).isEqualTo(RpcTool.USAGE);
        assertThat(RpcTool.run(new String[] {"a", "b"}, o, e)).isEqualTo(RpcTool.USAGE);
        assertThat(RpcTool.run(new String[] {"--backdoor", "native"}, o, e)).isEqualTo(RpcTool.USAGE);
        assertThat(RpcTool.run(new String[] {"--backdoor", "bogus", "log x"}, o, e))
                .isEqualTo(RpcTool.CHANNEL);
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("usage:").contains("unknown backdoor location");
    }

    @Test
    void theNativeBackdoorFailsCleanlyOffVmware(TestReporter reporter) {
        String unset = "info-get " + ReadOnlyBackdoorCheck.unsetKey();
        if (VmCheck.isVmware()) {
            // the real backdoor, read-only: an unset key is refused by the host
            reporter.publishEntry("branch", "VMware: read-only info-get of an unset key on the real backdoor");
            assertThat(RpcTool.run(new String[] {unset}, o, e)).isEqualTo(RpcTool.REFUSED);
            assertThat(err.toString(StandardCharsets.ISO_8859_1)).startsWith("No value found");
            err.reset();
        } else {
            // the CPUID gate refuses the native backdoor
            reporter.publishEntry("branch", "not VMware: refusal");
            assertThat(RpcTool.run(new String[] {unset}, o, e)).isEqualTo(RpcTool.CHANNEL);
            assertThat(err.toString(StandardCharsets.ISO_8859_1)).startsWith("rpctool: ");
        }
        assertThat(RpcTool.run(new String[] {"--backdoor", "unix:/nonexistent/vmx.sock", "log x"}, o, e))
                .isEqualTo(RpcTool.CHANNEL);
    }

    @Test
    void helpPrintsTheUsageWithoutTouchingTheBackdoor() {
        assertThat(RpcTool.run(new String[] {"--help"}, o, e)).isEqualTo(RpcTool.OK);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("usage: rpctool ");
        assertThat(err.size()).isZero();
    }

    @Test
    void theCommandAndTheReplyAreTheirBytesUnchanged() {
        VmxSimulator vmx = new VmxSimulator();
        byte[] value = "héllo ✓".getBytes(StandardCharsets.UTF_8);
        byte[] set = ("info-set guestinfo.u " + new String(value, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RpcTool.run(set, vmx, o, e)).isEqualTo(RpcTool.OK);
        out.reset();
        assertThat(RpcTool.run("info-get guestinfo.u".getBytes(StandardCharsets.US_ASCII), vmx, o, e))
                .isEqualTo(RpcTool.OK);
        assertThat(out.toByteArray()).isEqualTo(("héllo ✓\n").getBytes(StandardCharsets.UTF_8));
    }
}
