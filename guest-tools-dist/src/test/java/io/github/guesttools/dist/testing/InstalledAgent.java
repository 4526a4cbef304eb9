package io.github.guesttools.dist.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Starts the VMware agent as installed below a root, through its launchers, on a simulator bridge. */
public final class InstalledAgent {
    private InstalledAgent() {}

    /**
     * Starts {@code root/usr/sbin/vmware-toolbox} with the installed {@code toolbox.conf} and
     * {@code guest-tools.conf}, on the bridge at {@code socket}, with guest operations denied to everyone and
     * power operations off (no scripts of this machine), its output in {@code log}. The launcher hands over to
     * the installed guest-tools-java and runtime ({@code VMWARE_TOOLBOX_CLASSPATH} is removed).
     *
     * @param env extra environment
     */
    public static Process start(Path root, Path socket, Path log, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        root.resolve("usr/sbin/vmware-toolbox").toString(),
                        "--config",
                        root.resolve("etc/vmware-toolbox/toolbox.conf").toString(),
                        "--backdoor",
                        "unix:" + socket,
                        "--auth",
                        "deny-all",
                        "--set",
                        "powerops.enabled=false")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment()
                .put(
                        "GUEST_TOOLS_CONF",
                        root.resolve("etc/guest-tools/guest-tools.conf").toString());
        builder.environment().remove("VMWARE_TOOLBOX_CLASSPATH");
        return builder.start();
    }
}
