package io.github.guesttools.toolbox.agent;

import io.github.guesttools.backdoor.Backdoor;
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
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Builds an {@link Agent}: every default of the packaged agent unless replaced or extended here
 * (see {@link AgentExtensions}). The backdoor is the caller's: {@code Backdoors.open("native")},
 * {@code Backdoors.open("unix:/path")} or any {@link Backdoor}; the caller closes it after the
 * agent. Logging is left to the application: the agent logs through slf4j only.
 *
 * <pre>{@code
 * try (Backdoor backdoor = Backdoors.open("native");
 *         Agent agent = Agent.builder(backdoor)
 *                 .authenticator(Authenticator.pam("myapp"))
 *                 .function("hello", ctx -> { ctx.stdout().write("hi\n".getBytes()); return 0; })
 *                 .build()) {
 *     agent.start();
 *     ...
 * }
 * }</pre>
 */
public final class AgentBuilder implements AgentExtensions {
    final Backdoor backdoor;
    AgentConfig config = AgentConfig.of(Map.of());
    Authenticator authenticator;
    CredentialAuthenticator credentialAuthenticator;
    final Map<String, GuestFunction> functions = new LinkedHashMap<>();
    final Map<String, FileHandler> fileHandlers = new LinkedHashMap<>();
    InfoSource<Optional<InetAddress>> primaryIp;
    InterfaceFilter nicFilter;
    final Map<String, RpcHandler> tcloHandlers = new LinkedHashMap<>();
    final Map<Integer, VixOpHandler> vixOperations = new LinkedHashMap<>();
    final List<Consumer<PowerOps.Builder>> powerHooks = new ArrayList<>();
    Boolean tcpRelay;
    /** The class loaders of the plug-ins in use: the agent closes them when it stops. */
    final List<URLClassLoader> pluginLoaders = new ArrayList<>();
    /** Wraps the name/password authenticator (a test seam: a login that blocks). */
    UnaryOperator<Authenticator> authenticatorHook = UnaryOperator.identity();
    /** Test seam: what quiesced snapshots freeze (null: the real file systems, minus the exclude list). */
    io.github.guesttools.rpc.vmbackup.FileSystemFreezer freezer;

    /** Test seam: the clock time sync corrects (null: the real one). */
    io.github.guesttools.rpc.timesync.GuestClock guestClock;
    /** The configuration file a running agent re-reads when it changes, and the options laid over it (null: none). */
    Path reloadFile;

    Map<String, String> reloadOptions = Map.of();

    AgentBuilder(Backdoor backdoor) {
        this.backdoor = Objects.requireNonNull(backdoor);
    }

    /**
     * @param config the settings ({@code toolbox.conf} keys, see {@link AgentConfig#of}); default
     *     all defaults ({@code AgentConfig.of(Map.of())})
     * @return this
     */
    public AgentBuilder config(AgentConfig config) {
        this.config = Objects.requireNonNull(config);
        return this;
    }

    /**
     * Loads the plug-ins of {@code directory} now ({@link AgentPlugin}); a broken one is logged and
     * skipped. A missing directory loads nothing.
     *
     * @param directory where the plug-in jars are
     * @return this
     */
    public AgentBuilder plugins(Path directory) {
        PluginLoader.load(directory, this);
        return this;
    }

    @Override
    public AgentBuilder authenticator(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator);
        return this;
    }

    @Override
    public AgentBuilder credentialAuthenticator(CredentialAuthenticator authenticator) {
        this.credentialAuthenticator = Objects.requireNonNull(authenticator);
        return this;
    }

    @Override
    public AgentBuilder function(String name, GuestFunction function) {
        // checked here, not when the agent is built, so that a plug-in's bad name skips only the plug-in
        if (name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException("function names must not be empty or start with /: " + name);
        }
        functions.put(name, Objects.requireNonNull(function));
        return this;
    }

    @Override
    public AgentBuilder fileHandler(String scheme, FileHandler handler) {
        if (scheme.isEmpty() || scheme.contains("/") || scheme.contains(":")) {
            throw new IllegalArgumentException("a scheme is one path segment without ':': " + scheme);
        }
        fileHandlers.put(scheme, Objects.requireNonNull(handler));
        return this;
    }

    @Override
    public AgentBuilder primaryIp(InfoSource<Optional<InetAddress>> source) {
        this.primaryIp = Objects.requireNonNull(source);
        return this;
    }

    @Override
    public AgentBuilder nicFilter(InterfaceFilter filter) {
        this.nicFilter = Objects.requireNonNull(filter);
        return this;
    }

    @Override
    public AgentBuilder tcloHandler(String name, RpcHandler handler) {
        if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("TCLO names are non-empty and contain no space or NUL: " + name);
        }
        tcloHandlers.put(name, Objects.requireNonNull(handler));
        return this;
    }

    @Override
    public AgentBuilder vixOperation(int opCode, VixOpHandler handler) {
        vixOperations.put(opCode, Objects.requireNonNull(handler));
        return this;
    }

    @Override
    public AgentBuilder powerOps(Consumer<PowerOps.Builder> hook) {
        powerHooks.add(Objects.requireNonNull(hook));
        return this;
    }

    @Override
    public AgentBuilder tcpRelay(boolean enabled) {
        this.tcpRelay = enabled;
        return this;
    }

    /** The packaged agent re-reads {@code file} when it changes (see {@link ConfigWatch}). */
    AgentBuilder reloadFrom(Path file, Map<String, String> options) {
        this.reloadFile = Objects.requireNonNull(file);
        this.reloadOptions = Map.copyOf(options);
        return this;
    }

    /**
     * Wires the agent (nothing runs until {@link Agent#start()}).
     *
     * @return the agent
     */
    public Agent build() {
        return new Agent(this);
    }

    /** Takes what a plug-in contributed to {@code staged}, so that a failing plug-in adds nothing. */
    void merge(AgentBuilder staged) {
        if (staged.authenticator != null) {
            authenticator = staged.authenticator;
        }
        if (staged.credentialAuthenticator != null) {
            credentialAuthenticator = staged.credentialAuthenticator;
        }
        functions.putAll(staged.functions);
        fileHandlers.putAll(staged.fileHandlers);
        if (staged.primaryIp != null) {
            primaryIp = staged.primaryIp;
        }
        if (staged.nicFilter != null) {
            nicFilter = staged.nicFilter;
        }
        tcloHandlers.putAll(staged.tcloHandlers);
        vixOperations.putAll(staged.vixOperations);
        powerHooks.addAll(staged.powerHooks);
        if (staged.tcpRelay != null) {
            tcpRelay = staged.tcpRelay;
        }
    }

    boolean tcpRelayEnabled() {
        return tcpRelay != null ? tcpRelay : config.tcpRelay();
    }

    InterfaceFilter nicFilterOrDefault() {
        if (nicFilter != null) {
            return nicFilter;
        }
        return config.nicExclude().isEmpty() ? InterfaceFilter.defaults() : new InterfaceFilter(config.nicExclude());
    }
}
