package io.github.guesttools.backdoor.vmcheck;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Exercises a backdoor read-only, so that it is safe next to a running vmtoolsd: GETVERSION, open
 * an RPCI channel, {@code info-get} of an unset {@code guestinfo.} key (answer {@code 0 No value
 * found}), close. It never opens the TCLO channel (the host allows only one TCLO reader, which a
 * running vmtoolsd owns) and never sets anything.
 *
 * <p>Used by the real-machine integration test and by {@code vmware-toolbox --self-check}.
 */
public final class ReadOnlyBackdoorCheck {

    /** The reply of {@code info-get} for a key that is not set (docs/protocols/rpc.md). */
    public static final String NO_VALUE = "0 No value found";

    /**
     * The outcome of one step.
     *
     * @param name what was done, e.g. {@code GETVERSION}
     * @param passed whether the answer was the expected one
     * @param detail the answer, or why the step failed
     */
    public record Step(String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
        }
    }

    private ReadOnlyBackdoorCheck() {}

    /** A {@code guestinfo.} key nobody sets: a fixed prefix and a random suffix. */
    public static String unsetKey() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return "guestinfo.guest-tools-self-check-unset-" + HexFormat.of().formatHex(random);
    }

    /**
     * Runs the steps on {@code backdoor}, reporting each to {@code steps}; stops at the first
     * failure. Does not close the backdoor.
     *
     * @return whether every step passed
     */
    public static boolean run(Backdoor backdoor, Consumer<Step> steps) {
        Optional<VmwareVersion> version;
        try {
            Registers out = backdoor.lowBandwidth(new Registers(
                    Backdoor.MAGIC, ~Backdoor.MAGIC, 0xFFFF_0000 | Backdoor.CMD_GETVERSION, Backdoor.LB_PORT, 0, 0, 0));
            version = out.eax() == Backdoor.VERSION && out.ebx() == Backdoor.MAGIC
                    ? Optional.of(new VmwareVersion(out.eax(), out.ecx()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return report(steps, "GETVERSION", false, e.toString());
        }
        if (!report(
                steps,
                "GETVERSION",
                version.isPresent(),
                version.map(v -> "version " + v.version() + ", vmx type " + v.vmxType())
                        .orElse("no VMware answer (version or magic wrong)"))) {
            return false;
        }
        MessageChannel rpci;
        try {
            rpci = MessageChannel.open(backdoor, Protocol.RPCI);
        } catch (IOException | RuntimeException e) {
            return report(steps, "open RPCI channel", false, e.toString());
        }
        report(steps, "open RPCI channel", true, "channel " + rpci.id() + (rpci.hasCookie() ? " with cookie" : ""));
        String key = unsetKey();
        boolean answered;
        try {
            rpci.send(("info-get " + key + "\0").getBytes(StandardCharsets.US_ASCII));
            String reply = rpci.receive()
                    .map(b -> new String(b, StandardCharsets.ISO_8859_1))
                    .orElse("(no reply)");
            answered = report(steps, "info-get " + key, NO_VALUE.equals(reply), "'" + reply + "'");
        } catch (IOException | RuntimeException e) {
            answered = report(steps, "info-get " + key, false, e.toString());
        }
        try {
            rpci.close();
        } catch (IOException | RuntimeException e) {
            return report(steps, "close RPCI channel", false, e.toString());
        }
        return report(steps, "close RPCI channel", true, "closed") && answered;
    }

    private static boolean report(Consumer<Step> steps, String name, boolean passed, String detail) {
        steps.accept(new Step(name, passed, detail));
        return passed;
    }
}
