package io.github.guesttools.toolbox.agent;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.channel.RpcChannelOpener;
import io.github.guesttools.rpc.netinfo.InterfaceFilter;
import io.github.guesttools.rpc.netinfo.NetworkCollector;
import io.github.guesttools.rpc.power.PowerOps;
import io.github.guesttools.rpc.timesync.HostClock;
import io.github.guesttools.rpc.timesync.TimeSync;
import io.github.guesttools.rpc.toolbox.Toolbox;
import io.github.guesttools.toolbox.auth.AllowListFile;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.auth.LoginThrottle;
import io.github.guesttools.toolbox.dispatch.GuestOperation;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.files.FileOperations;
import io.github.guesttools.toolbox.guestops.HgfsOperations;
import io.github.guesttools.toolbox.guestops.ProcessOperations;
import io.github.guesttools.toolbox.toolsstate.GuestOsInfo;
import io.github.guesttools.toolbox.toolsstate.ToolsStateHandler;
import io.github.guesttools.toolbox.vix.VixOp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VMware guest agent, wired as the Go toolbox's service does it: RPCI and TCLO channels on one
 * backdoor, the default TCLO handlers, guest info, power operations, {@code Vix_1_Relayed_Command}
 * (file, process and HGFS guest operations) and TCLO {@code f} (HGFS).
 *
 * <pre>{@code
 * try (Backdoor backdoor = Backdoors.open("unix:/tmp/vmx.sock");
 *      Agent agent = new Agent(AgentConfig.of(Map.of("backdoor", "unix:/tmp/vmx.sock")), backdoor)) {
 *     agent.start();
 *     ...
 * }
 * }</pre>
 */
public final class Agent implements AutoCloseable {
    /** The version reported to the host (GetToolsState, version log line). */
    public static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final String VIX_COMMAND = "Vix_1_Relayed_Command";

    private final ProcessManager processes;
    private final HgfsOperations hgfs;
    private final VixDispatcher vix;
    private final Toolbox toolbox;
    private final TimeSync timeSync;

    /**
     * @param config the settings
     * @param backdoor the backdoor both channels use (the caller closes it after the agent)
     */
    public Agent(AgentConfig config, Backdoor backdoor) {
        this(config, backdoor, UnaryOperator.identity());
    }

    /** @param authenticatorHook wraps the configured authenticator (a test seam: a login that blocks) */
    Agent(AgentConfig config, Backdoor backdoor, UnaryOperator<Authenticator> authenticatorHook) {
        RpcChannelOpener opener = BackdoorChannels.opener(backdoor);
        if (config.trace()) {
            opener = new ChannelTrace(opener);
        }
        GuestOpsLimits limits = config.limits();
        this.processes = ProcessManager.builder()
                .maxRunningPerUser(limits.runningPerUser())
                .ioBudgets(
                        limits.ioHeapPerUser(), limits.ioHeapTotal(), limits.ioStoredPerUser(), limits.ioStoredTotal())
                .build();
        this.hgfs = new HgfsOperations(
                processes, limits.hgfsSessionsPerUser(), limits.hgfsAgentSessions(), limits.hgfsHandlesPerSession());
        this.vix = vix(config, processes, hgfs, authenticatorHook);
        NetworkCollector network = NetworkCollector.builder()
                .filter(
                        config.nicExclude().isEmpty()
                                ? InterfaceFilter.defaults()
                                : new InterfaceFilter(config.nicExclude()))
                .build();
        Toolbox.Builder tb = Toolbox.builder(opener)
                .version(VERSION)
                .handlerBound(config.handlerBound())
                .guestInfo(g -> g.network(network::collect).hostName(network::hostName));
        if (config.powerOps()) {
            tb.powerOps(rpci -> PowerOps.builder(rpci)
                    .scriptsFrom(config.scriptsDirectory())
                    .build());
        }
        this.toolbox = tb.build();
        toolbox.handlers().register(VIX_COMMAND, this::relayed);
        this.timeSync = TimeSync.builder(HostClock.of(backdoor)).build();
        timeSync.register(toolbox);
        if (limits.tcloHgfs()) {
            // as open-vm-tools: the host owns the VM, and its HGFS packets act as the agent's user
            toolbox.handlers().register("f", hgfs::handleTclo);
        }
        LOG.info(
                "guest operations: authentication {}, disabled {}, TCLO HGFS {}",
                config.auth(),
                config.disabled(),
                limits.tcloHgfs() ? "on" : "off");
    }

    private static VixDispatcher vix(
            AgentConfig config,
            ProcessManager processes,
            HgfsOperations hgfs,
            UnaryOperator<Authenticator> authenticatorHook) {
        VixDispatcher.Builder b = VixDispatcher.builder()
                .authenticator(
                        Authenticator.throttled(authenticatorHook.apply(authenticator(config)), new LoginThrottle()))
                .maxRequestsPerUser(config.limits().vixRequestsPerUser());
        FileOperations.register(b, Path.of(System.getProperty("java.io.tmpdir", "/tmp")), true, hgfs.processIoFiles());
        ProcessOperations.register(b, processes);
        hgfs.register(b);
        Set<GuestOperation> disabled = config.disabled();
        b.handle(VixOp.GET_TOOLS_STATE, new ToolsStateHandler(GuestOsInfo.detect(), VERSION, disabled::contains));
        disabled.forEach(b::disable);
        return b.build();
    }

    private static Authenticator authenticator(AgentConfig config) {
        switch (config.auth()) {
            case "deny-all":
                return Authenticator.denyAll();
            case "allow-list":
                return new AllowListFile(config.allowList().orElseThrow());
            default:
                return Authenticator.pam(config.pamService());
        }
    }

    /** The TCLO reply is {@code OK } + result; the dispatcher's bytes already start with it. */
    private byte[] relayed(byte[] args) {
        byte[] reply = vix.dispatch(args);
        return Arrays.copyOfRange(reply, 3, reply.length);
    }

    /**
     * Opens the TCLO channel and starts answering.
     *
     * @throws ChannelException when the channel cannot be opened (another tools daemon owns it)
     */
    public void start() throws ChannelException {
        toolbox.start();
        LOG.info("vmware-toolbox {} started", VERSION);
    }

    /** Stops the loop, closes the channels, the HGFS sessions and the process table. */
    @Override
    public void close() {
        toolbox.close();
        timeSync.close();
        hgfs.close();
        try {
            processes.close();
        } catch (IOException e) {
            LOG.warn("closing the process table: {}", e.toString());
        }
        LOG.info("vmware-toolbox stopped");
    }
}
