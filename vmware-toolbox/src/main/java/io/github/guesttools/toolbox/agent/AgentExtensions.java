package io.github.guesttools.toolbox.agent;

import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.process.GuestFunction;
import io.github.guesttools.rpc.netinfo.InterfaceFilter;
import io.github.guesttools.rpc.power.PowerOps;
import io.github.guesttools.rpc.report.InfoSource;
import io.github.guesttools.rpc.tclo.RpcHandler;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.dispatch.CredentialAuthenticator;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The extension points of the agent, one call each; what {@link AgentBuilder} offers an embedding
 * application and what an {@link AgentPlugin} of the packaged agent receives. A later call for
 * the same name, scheme or op replaces an earlier one; everything not called keeps the default.
 */
public interface AgentExtensions {
    /**
     * Replaces the name/password check of the configured {@code auth.mode}; the agent keeps its
     * failed-login back-off around it.
     *
     * @param authenticator checks a guest user name and password
     * @return this
     */
    AgentExtensions authenticator(Authenticator authenticator);

    /**
     * Replaces authentication with a check of the whole VIX credential (type, raw block, request
     * header), as the Go toolbox's {@code Authenticate} hook; it names the account to act as.
     *
     * @param authenticator the check
     * @return this
     */
    AgentExtensions credentialAuthenticator(CredentialAuthenticator authenticator);

    /**
     * Java code a host starts as a guest program named {@code name} (StartProgram's program path):
     * listed, killed and with {@code /proc/<pid>/stdin|stdout|stderr} like programs.
     *
     * @param name the program path that starts it
     * @param function the code
     * @return this
     */
    AgentExtensions function(String name, GuestFunction function);

    /**
     * Serves the HGFS and file-transfer paths {@code /<scheme>:/...} and {@code /<scheme>/...}
     * (next to {@code proc} and {@code archive}, which it may replace); a path the handler does not
     * know falls through to the local file system.
     *
     * @param scheme the first path segment
     * @param handler serves it, with the requesting user as {@code Caller}
     * @return this
     */
    AgentExtensions fileHandler(String scheme, FileHandler handler);

    /**
     * @param source the address sent as {@code guestinfo.ip} (default: the first IPv4 address of
     *     the first reported NIC)
     * @return this
     */
    AgentExtensions primaryIp(InfoSource<Optional<InetAddress>> source);

    /**
     * @param filter the interfaces not reported (default: {@code guestinfo.exclude-nics}, else
     *     {@link InterfaceFilter#defaults()})
     * @return this
     */
    AgentExtensions nicFilter(InterfaceFilter filter);

    /**
     * @param name a TCLO command name; the default handler of that name is replaced
     * @param handler answers it
     * @return this
     */
    AgentExtensions tcloHandler(String name, RpcHandler handler);

    /**
     * Adds or replaces a VIX guest operation; it runs after framing, authentication and the
     * disable switch, with the authenticated account in its {@code VixCall}.
     *
     * @param opCode the VIX op ({@link io.github.guesttools.toolbox.vix.VixOp})
     * @param handler answers it
     * @return this
     */
    AgentExtensions vixOperation(int opCode, VixOpHandler handler);

    /**
     * Changes the power operations (scripts, the halt and reboot commands) after the configured
     * defaults; applied only while {@code powerops.enabled} is true.
     *
     * @param hook called with the power-operation builder
     * @return this
     */
    AgentExtensions powerOps(Consumer<PowerOps.Builder> hook);

    /**
     * Offers the {@code http.RoundTrip} program (govmomi's TCP relay). Off by default: whoever may
     * start guest programs then reaches the guest's loopback-only TCP ports.
     *
     * @param enabled whether to offer it (overrides {@code processes.tcpRelay})
     * @return this
     */
    AgentExtensions tcpRelay(boolean enabled);
}
