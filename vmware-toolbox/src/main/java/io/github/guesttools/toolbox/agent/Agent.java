package io.github.guesttools.toolbox.agent;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.channel.RpcChannelOpener;
import io.github.guesttools.rpc.diskinfo.DiskCollector;
import io.github.guesttools.rpc.netinfo.NetworkCollector;
import io.github.guesttools.rpc.power.PowerOps;
import io.github.guesttools.rpc.timesync.HostClock;
import io.github.guesttools.rpc.timesync.TimeSync;
import io.github.guesttools.rpc.toolbox.Capabilities;
import io.github.guesttools.rpc.toolbox.Toolbox;
import io.github.guesttools.rpc.vmbackup.FileSystemFreezer;
import io.github.guesttools.rpc.vmbackup.FreezeListener;
import io.github.guesttools.rpc.vmbackup.LinuxFreezer;
import io.github.guesttools.rpc.vmbackup.VmBackup;
import io.github.guesttools.toolbox.auth.AllowListFile;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.auth.LoginThrottle;
import io.github.guesttools.toolbox.dispatch.GuestOperation;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.files.FileOperations;
import io.github.guesttools.toolbox.guestops.HgfsOperations;
import io.github.guesttools.toolbox.guestops.ProcessOperations;
import io.github.guesttools.toolbox.logging.LogHold;
import io.github.guesttools.toolbox.toolsstate.GuestOsInfo;
import io.github.guesttools.toolbox.toolsstate.ToolsStateHandler;
import io.github.guesttools.toolbox.vix.VixOp;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 *         Agent agent = Agent.builder(backdoor).config(AgentConfig.of(Map.of("auth.mode", "deny-all"))).build()) {
 *     agent.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #builder} replaces or extends any part of the wiring ({@link AgentExtensions});
 * {@link AgentMain} builds the packaged agent the same way, with the plug-ins of
 * {@code plugins.directory} ({@link AgentPlugin}).
 */
public final class Agent implements AutoCloseable {
    /** The version reported to the host (GetToolsState, version log line). */
    public static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final String VIX_COMMAND = "Vix_1_Relayed_Command";
    /** How long after TCLO starts the guest operations are built if no request has built them. */
    private static final Duration GUEST_OPS_WARM_UP = Duration.ofSeconds(1);

    /** Processes, HGFS and VIX: built right after TCLO starts, see {@link GuestOpsComponents}. */
    private final GuestOpsComponents<GuestOpsComponents.Parts> guestOps;

    private final Toolbox toolbox;
    /** Null when {@code vmbackup.enabled} is false; read by the VIX dispatcher's busy check. */
    private final VmBackup vmBackup;

    private final TimeSync timeSync;
    /** The settings a changed configuration file may switch at run time; read on the guest-info thread. */
    private volatile ReloadableSettings reloadable;
    /** Built from {@link #reloadable}'s disk-info keys; replaced when they change. */
    private volatile DiskCollector diskCollector;

    /** Null unless the packaged agent watches its configuration file. */
    private final ConfigWatch configWatch;

    private final List<URLClassLoader> pluginLoaders;

    /** What the start logs: the guest operations' settings (not logged by a build that never starts). */
    private final String summary;

    private volatile boolean started;

    /**
     * The packaged agent's wiring for {@code config}; {@link #builder} changes any part of it.
     *
     * @param config the settings
     * @param backdoor the backdoor both channels use (the caller closes it after the agent)
     */
    public Agent(AgentConfig config, Backdoor backdoor) {
        this(builder(backdoor).config(config));
    }

    /** @param authenticatorHook wraps the configured authenticator (a test seam: a login that blocks) */
    Agent(AgentConfig config, Backdoor backdoor, UnaryOperator<Authenticator> authenticatorHook) {
        this(hooked(builder(backdoor).config(config), authenticatorHook));
    }

    /** @param freezer what quiesced snapshots freeze (a test seam: never the build machine's disks) */
    Agent(
            AgentConfig config,
            Backdoor backdoor,
            UnaryOperator<Authenticator> authenticatorHook,
            FileSystemFreezer freezer) {
        this(frozenBy(hooked(builder(backdoor).config(config), authenticatorHook), freezer));
    }

    Agent(AgentBuilder b) {
        AgentConfig config = b.config;
        this.pluginLoaders = List.copyOf(b.pluginLoaders);
        RpcChannelOpener opener = BackdoorChannels.opener(b.backdoor);
        if (config.trace()) {
            opener = new ChannelTrace(opener);
        }
        GuestOpsLimits limits = config.limits();
        // the configured authenticator is made now: a bad allow-list fails the build, not a request
        Authenticator names = b.authenticator != null ? b.authenticator : authenticator(config);
        this.guestOps =
                new GuestOpsComponents<>(() -> guestOps(b, names, this::ioFrozen), GuestOpsComponents.Parts::close);
        NetworkCollector network =
                NetworkCollector.builder().filter(b.nicFilterOrDefault()).build();
        this.reloadable = config.reloadable();
        this.configWatch = b.reloadFile == null ? null : new ConfigWatch(b.reloadFile, b.reloadOptions, this::apply);
        this.diskCollector = reloadable.diskCollector();
        Toolbox.Builder tb = Toolbox.builder(opener)
                .version(VERSION)
                .handlerBound(config.handlerBound())
                .guestInfoInterval(config.guestInfoInterval())
                .guestInfo(g -> g.network(network::collect)
                        .hostName(() -> {
                            tick();
                            return network.hostName();
                        })
                        .disks(() -> reloadable.diskInfo() ? diskCollector.collect() : null));
        if (b.primaryIp != null) {
            tb.primaryIp(b.primaryIp);
        }
        tb.onReset(this::hostReset);
        if (config.powerOps()) {
            tb.powerOps(rpci -> {
                PowerOps.Builder power = PowerOps.builder(rpci).scriptsFrom(config.scriptsDirectory());
                b.powerHooks.forEach(hook -> hook.accept(power));
                return power.build();
            });
        }
        if (config.vmbackup().enabled()) {
            tb.capabilities(Capabilities.defaults().with(VmBackup.CAPABILITY));
        }
        this.toolbox = tb.build();
        FileSystemFreezer freezer = b.freezer != null
                ? b.freezer
                : LinuxFreezer.system(config.vmbackup().excludedFileSystems());
        this.vmBackup = config.vmbackup().enabled() ? vmBackup(config.vmbackup(), toolbox, freezer) : null;
        toolbox.handlers().register(VIX_COMMAND, this::relayed);
        ReloadableSettings r = config.reloadable();
        TimeSync.Builder ts = TimeSync.builder(HostClock.of(b.backdoor))
                .disableAll(r.timeSyncDisableAll())
                .disablePeriodic(r.timeSyncDisablePeriodic())
                .periodicWithNtp(r.timeSyncWithNtp());
        if (b.guestClock != null) {
            ts.guestClock(b.guestClock);
        }
        this.timeSync = ts.build();
        timeSync.register(toolbox);
        if (limits.tcloHgfs()) {
            // as open-vm-tools: the host owns the VM, and its HGFS packets act as the agent's user
            toolbox.handlers().register("f", packet -> guestOps.get().hgfs().handleTclo(packet));
        }
        b.tcloHandlers.forEach(toolbox.handlers()::register);
        this.summary = String.format(
                "guest operations: authentication %s, disabled %s, TCLO HGFS %s, TCP relay %s",
                b.credentialAuthenticator != null || b.authenticator != null ? "embedder's" : config.auth(),
                config.disabled(),
                limits.tcloHgfs() ? "on" : "off",
                b.tcpRelayEnabled() ? "on" : "off");
    }

    /**
     * @param backdoor the backdoor both channels use (the caller closes it after the agent)
     * @return a builder with every default of the packaged agent
     */
    public static AgentBuilder builder(Backdoor backdoor) {
        return new AgentBuilder(backdoor);
    }

    private static AgentBuilder hooked(AgentBuilder b, UnaryOperator<Authenticator> hook) {
        b.authenticatorHook = hook;
        return b;
    }

    private static AgentBuilder frozenBy(AgentBuilder b, FileSystemFreezer freezer) {
        b.freezer = freezer;
        return b;
    }

    /**
     * The guest-info cycle ({@code [guestinfo] poll-interval}) is the agent's periodic tick: the configuration
     * check rides on it instead of a thread of its own.
     */
    private void tick() {
        ConfigWatch w = configWatch;
        if (w != null) {
            w.check();
        }
    }

    /** A changed configuration file: what can change at run time changes now; the rest waits for a restart. */
    private void apply(AgentConfig c) {
        AgentLogging.configure(c.logLevel());
        AgentLogging.warnIgnored(c);
        ReloadableSettings r = c.reloadable();
        timeSync.reconfigure(r.timeSyncDisableAll(), r.timeSyncDisablePeriodic(), r.timeSyncWithNtp());
        if (!r.sameDiskCollector(reloadable)) {
            diskCollector = r.diskCollector();
        }
        reloadable = r;
        LOG.info(
                "applied: log level {}, [timeSync] disable-all {}, disable-periodic {}, periodic-with-ntp {}, "
                        + "disk info {}; other settings take effect when the agent restarts",
                c.logLevel(),
                r.timeSyncDisableAll(),
                r.timeSyncDisablePeriodic(),
                r.timeSyncWithNtp(),
                r.diskInfo() ? "on" : "off");
    }

    /** The time sync (tests). */
    TimeSync timeSync() {
        return timeSync;
    }

    /** The settings in force that a configuration change can switch (tests). */
    ReloadableSettings reloadable() {
        return reloadable;
    }

    /** Quiesced snapshots: the real freezer, the configured bounds, events through the toolbox's RPCI. */
    private static VmBackup vmBackup(VmBackupConfig config, Toolbox toolbox, FileSystemFreezer freezer) {
        VmBackup.Builder vb = VmBackup.builder(c -> toolbox.rpci().send(c), freezer)
                .settings(config.settings())
                // the log may end on a frozen disk (open-vm-tools #650): keep it in memory meanwhile
                .freezeListener(new FreezeListener() {
                    @Override
                    public void frozen() {
                        LogHold.hold();
                    }

                    @Override
                    public void thawed() {
                        LogHold.release();
                    }
                });
        if (!config.xmlManifest()) {
            vb.manifest(null);
        }
        VmBackup b = vb.build();
        b.register(toolbox.handlers());
        return b;
    }

    /** A reconnected VMX may know nothing of a quiesce in progress: thaw now, not at the next bound. */
    private void hostReset() {
        VmBackup b = vmBackup; // null when vmbackup is off
        if (b != null) {
            b.hostReset();
        }
    }

    /** True while a quiesced snapshot has guest file systems frozen: VIX answers busy. */
    private boolean ioFrozen() {
        VmBackup b = vmBackup;
        return b != null && b.ioFrozen();
    }

    /** The process table, HGFS and the VIX dispatcher over them. */
    private static GuestOpsComponents.Parts guestOps(
            AgentBuilder b, Authenticator names, java.util.function.BooleanSupplier ioFrozen) {
        GuestOpsLimits limits = b.config.limits();
        ProcessManager.Builder pb = ProcessManager.builder()
                .maxRunningPerUser(limits.runningPerUser())
                .ioBudgets(
                        limits.ioHeapPerUser(), limits.ioHeapTotal(), limits.ioStoredPerUser(), limits.ioStoredTotal());
        if (b.tcpRelayEnabled()) {
            pb.enableTcpRelay();
        }
        b.functions.forEach(pb::function);
        ProcessManager processes = pb.build();
        try {
            HgfsOperations hgfs = new HgfsOperations(
                    processes,
                    limits.hgfsSessionsPerUser(),
                    limits.hgfsAgentSessions(),
                    limits.hgfsHandlesPerSession(),
                    b.fileHandlers);
            return new GuestOpsComponents.Parts(processes, hgfs, vix(b, names, processes, hgfs, ioFrozen));
        } catch (RuntimeException e) {
            try {
                processes.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static VixDispatcher vix(
            AgentBuilder b,
            Authenticator names,
            ProcessManager processes,
            HgfsOperations hgfs,
            java.util.function.BooleanSupplier ioFrozen) {
        AgentConfig config = b.config;
        VixDispatcher.Builder v = VixDispatcher.builder()
                .ioFrozen(ioFrozen)
                .authenticator(Authenticator.throttled(b.authenticatorHook.apply(names), new LoginThrottle()))
                .maxRequestsPerUser(config.limits().vixRequestsPerUser());
        if (b.credentialAuthenticator != null) {
            v.credentialAuthenticator(b.credentialAuthenticator);
        }
        FileOperations.register(v, Path.of(System.getProperty("java.io.tmpdir", "/tmp")), true, hgfs.processIoFiles());
        ProcessOperations.register(v, processes);
        hgfs.register(v);
        Set<GuestOperation> disabled = config.disabled();
        v.handle(VixOp.GET_TOOLS_STATE, new ToolsStateHandler(GuestOsInfo.detect(), VERSION, disabled::contains));
        b.vixOperations.forEach(v::handle);
        disabled.forEach(v::disable);
        return v.build();
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
        byte[] reply = guestOps.get().vix().dispatch(args);
        return Arrays.copyOfRange(reply, 3, reply.length);
    }

    /**
     * Opens the TCLO channel and starts answering.
     *
     * @throws ChannelException when the channel cannot be opened (another tools daemon owns it)
     */
    public synchronized void start() throws ChannelException {
        LOG.info(summary);
        toolbox.start();
        started = true;
        guestOps.startBuilding(GUEST_OPS_WARM_UP);
        LOG.info("vmware-toolbox {} started", VERSION);
    }

    /**
     * Stops the loop, closes the channels, the HGFS sessions and the process table. A start under
     * way on another thread (a stop signal during start-up) finishes first, so its channel is closed.
     */
    @Override
    public synchronized void close() {
        if (vmBackup != null) {
            vmBackup.close(); // thaws first, while the channel can still carry the cancel to the host
        }
        toolbox.close();
        timeSync.close();
        guestOps.close();
        pluginLoaders.forEach(loader -> PluginLoader.close(loader, loader.getName()));
        if (started) {
            LOG.info("vmware-toolbox stopped");
        }
    }
}
