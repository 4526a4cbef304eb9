package io.github.guesttools.rpc.toolbox;

import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.channel.RpcChannelOpener;
import io.github.guesttools.rpc.netinfo.NetworkCollector;
import io.github.guesttools.rpc.power.PowerOps;
import io.github.guesttools.rpc.report.GuestInfoReporter;
import io.github.guesttools.rpc.report.InfoSource;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciReply;
import io.github.guesttools.rpc.tclo.Execution;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import io.github.guesttools.rpc.tclo.Sleeper;
import io.github.guesttools.rpc.tclo.TcloService;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal tools daemon: the TCLO loop with the default handlers, an RPCI client and the guest-info
 * reporter, ready for more handlers.
 *
 * <pre>{@code
 * try (Toolbox toolbox = Toolbox.builder(BackdoorChannels.opener()).build()) {
 *     toolbox.handlers().register("My_Rpc", args -> "done".getBytes(StandardCharsets.ISO_8859_1));
 *     toolbox.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Default handlers: {@code reset} ({@code OK ATR toolbox}, then the {@code guestinfo.vmtools.*}
 * version variables, guest info, {@code
 * vmx.capability.unified_loop toolbox} and a version log line), {@code ping} ({@code OK }),
 * {@code Set_Option} ({@code broadcastIP 1} sends {@code info-set guestinfo.ip <ip>} and the NIC info;
 * {@code toolScripts.*} go to the power operations; others are accepted) and
 * {@code Capabilities_Register} (the {@link Capabilities}).
 */
public final class Toolbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Toolbox.class);

    private final RpciClient rpci;
    private final TcloService tclo;
    private final GuestInfoReporter reporter;
    private final Capabilities capabilities;
    private final InfoSource<Optional<InetAddress>> primaryIp;
    private final Duration guestInfoInterval;
    private final String appName;
    private final String version;
    private final PowerOps powerOps;
    private final ToolsVersion toolsVersion;
    private final SetOptionHandler setOption = new SetOptionHandler();
    /** Volatile, not guarded by the monitor: the poll thread reads it while stop() holds the monitor. */
    private volatile ExecutorService events;

    private final AtomicBoolean versionLogged = new AtomicBoolean();
    /** Told of every host reset ({@code reset} or a reopened TCLO channel), off the poll thread. */
    private final List<Runnable> resetListeners;

    private Toolbox(Builder b) {
        this.rpci = new RpciClient(b.opener);
        GuestInfoReporter.Builder rb = GuestInfoReporter.builder(rpci);
        b.guestInfo.accept(rb);
        this.reporter = rb.build();
        this.capabilities = b.capabilities;
        this.guestInfoInterval = b.guestInfoInterval;
        this.appName = b.appName;
        this.version = b.version;
        this.toolsVersion = ToolsVersion.parse(b.product, b.version, b.build);
        this.primaryIp =
                b.primaryIp != null ? b.primaryIp : () -> NetworkCollector.primaryIpv4(reporter.collectNicInfo());
        this.powerOps = b.powerOps == null ? null : b.powerOps.apply(rpci);
        this.resetListeners = List.copyOf(b.resetListeners);
        HandlerRegistry handlers = new HandlerRegistry();
        this.tclo = TcloService.builder(b.opener)
                .handlers(handlers)
                .sleeper(b.sleeper)
                .handlerBound(b.handlerBound)
                .onChannelReset(() -> {
                    rpci.reset();
                    tellResetListeners();
                })
                .build();
        registerDefaults(handlers);
    }

    /** A builder using {@code opener} for both channels. */
    public static Builder builder(RpcChannelOpener opener) {
        return new Builder(opener);
    }

    /** The handler registry, to add or replace handlers. */
    public HandlerRegistry handlers() {
        return tclo.handlers();
    }

    /** The RPCI client the toolbox sends through. */
    public RpciClient rpci() {
        return rpci;
    }

    /** The guest-info reporter. */
    public GuestInfoReporter guestInfo() {
        return reporter;
    }

    /** The TCLO service (for its counters). */
    public TcloService tclo() {
        return tclo;
    }

    /**
     * Registers a listener for {@code Set_Option <name> <value>}.
     */
    public void onOption(String name, OptionListener listener) {
        setOption.listen(name, listener);
    }

    /**
     * Opens TCLO and starts polling, and the guest-info change polling.
     *
     * @throws io.github.guesttools.rpc.channel.ChannelInUseException when another tools daemon owns TCLO
     * @throws IllegalStateException when already running
     */
    public synchronized void start() throws ChannelException {
        if (tclo.isRunning()) {
            throw new IllegalStateException("toolbox already running");
        }
        ExecutorService ev = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "toolbox-events");
            t.setDaemon(true);
            return t;
        });
        events = ev;
        try {
            tclo.start();
        } catch (ChannelException | RuntimeException e) {
            events = null;
            ev.shutdownNow();
            throw e;
        }
        if (!guestInfoInterval.isZero()) {
            reporter.start(guestInfoInterval);
        }
    }

    /** Stops everything and closes the channels; it can be started again. A second stop is harmless. */
    public synchronized void stop() {
        tclo.stop();
        reporter.close();
        ExecutorService ev = events;
        events = null;
        if (ev != null) {
            ev.shutdown();
            try {
                ev.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rpci.reset();
    }

    /** Stops and closes the RPCI client for good. */
    @Override
    public void close() {
        stop();
        rpci.close();
    }

    private void registerDefaults(HandlerRegistry handlers) {
        handlers.register("ping", args -> new byte[0], Execution.POLL_THREAD);
        byte[] atr = ("ATR " + appName).getBytes(StandardCharsets.ISO_8859_1);
        handlers.register(
                "reset",
                args -> {
                    afterReset();
                    return atr.clone();
                },
                Execution.POLL_THREAD);
        handlers.register("Capabilities_Register", args -> {
            registerCapabilities();
            return new byte[0];
        });
        handlers.register("Set_Option", setOption);
        setOption.listen("broadcastIP", this::broadcastIp);
        if (powerOps != null) {
            powerOps.register(handlers);
            for (String option : new String[] {
                "toolScripts.afterPowerOn",
                "toolScripts.beforePowerOff",
                "toolScripts.afterResume",
                "toolScripts.beforeSuspend"
            }) {
                setOption.listen(option, value -> powerOps.setOption(option, value));
            }
        }
    }

    private void tellResetListeners() {
        for (Runnable listener : resetListeners) {
            later(() -> {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.warn("reset listener failed: {}", e.toString());
                }
            });
        }
    }

    /** Runs after the reply is queued, off the poll thread, as vmtoolsd does on an idle callback. */
    private void afterReset() {
        tellResetListeners();
        later(() -> {
            sendToolsVersion();
            reporter.pushAll();
            send("vmx.capability.unified_loop " + appName);
            if (versionLogged.compareAndSet(false, true)) {
                send("log " + appName + ": Version: " + version);
            }
        });
    }

    /**
     * The {@code guestinfo.vmtools.*} variables, on every reset: a new VMX (after migration) may not
     * have them, and four small RPCIs per reset cost nothing. A refusal is logged, not retried.
     */
    private void sendToolsVersion() {
        for (byte[] command : toolsVersion.infoSetCommands()) {
            try {
                RpciReply r = rpci.exchange(command);
                if (!r.success()) {
                    LOG.info("host refused {}: {}", new String(command, StandardCharsets.UTF_8).strip(), r.text());
                }
            } catch (IOException e) {
                LOG.warn("cannot send the tools version: {}", e.getMessage());
                return;
            }
        }
    }

    /** The version sent as {@code guestinfo.vmtools.*}. */
    public ToolsVersion toolsVersion() {
        return toolsVersion;
    }

    /**
     * Runs follow-up work on the events thread, so a handler's reply does not wait for it (guest-info
     * pushes can queue behind a periodic cycle).
     */
    private void later(Runnable work) {
        ExecutorService ev = events;
        if (ev == null) {
            return;
        }
        try {
            ev.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("toolbox stopping; follow-up skipped");
        }
    }

    private void registerCapabilities() {
        for (byte[] m : capabilities.messages()) {
            try {
                RpciReply r = rpci.exchange(m);
                if (!r.success()) {
                    LOG.info(
                            "host refused capability {}: {}",
                            new String(m, StandardCharsets.ISO_8859_1).strip(),
                            r.text());
                }
            } catch (IOException e) {
                LOG.warn("cannot send capability", e);
            }
        }
        later(reporter::pushUptime);
    }

    private void broadcastIp(String value) throws IOException {
        switch (value) {
            case "0" -> {
                return;
            }
            case "1" -> {
                InetAddress ip = primaryIp.get().orElseThrow(() -> new IOException("No IP address to broadcast"));
                rpci.send("info-set guestinfo.ip " + ip.getHostAddress());
                later(reporter::pushNicInfo);
            }
            default -> throw new IllegalArgumentException("Invalid option value " + value);
        }
    }

    private void send(String command) {
        try {
            rpci.send(command);
        } catch (IOException e) {
            LOG.warn("{} failed: {}", command, e.getMessage());
        }
    }

    /** Configures a {@link Toolbox}. */
    public static final class Builder {
        private final RpcChannelOpener opener;
        private Capabilities capabilities = Capabilities.defaults();
        private Consumer<GuestInfoReporter.Builder> guestInfo = b -> {};
        private final List<Runnable> resetListeners = new ArrayList<>();
        private InfoSource<Optional<InetAddress>> primaryIp;
        private Function<RpciClient, PowerOps> powerOps;
        private Duration guestInfoInterval = Duration.ofSeconds(30);
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Duration handlerBound = Duration.ofMillis(250);
        private String appName = "toolbox";
        private String version = "0.1.0";
        private String product = ToolsVersion.PRODUCT;
        private long build;

        private Builder(RpcChannelOpener opener) {
            this.opener = Objects.requireNonNull(opener);
        }

        /** What {@code Capabilities_Register} sends (default {@link Capabilities#defaults()}). */
        public Builder capabilities(Capabilities c) {
            this.capabilities = Objects.requireNonNull(c);
            return this;
        }

        /**
         * Configures the guest-info reporter (sources, build number), e.g.
         * {@code r -> r.network(myCollector::collect)}; defaults read the real OS.
         */
        public Builder guestInfo(Consumer<GuestInfoReporter.Builder> config) {
            this.guestInfo = Objects.requireNonNull(config);
            return this;
        }

        /** Overrides the address sent on {@code broadcastIP} (default: first IPv4 of the reported NICs). */
        public Builder primaryIp(InfoSource<Optional<InetAddress>> source) {
            this.primaryIp = source;
            return this;
        }

        /**
         * Enables the power operations, built from the toolbox's RPCI client, e.g.
         * {@code rpci -> PowerOps.builder(rpci).build()}. Off by default: only a daemon allowed to shut
         * the guest down should answer them.
         */
        public Builder powerOps(Function<RpciClient, PowerOps> factory) {
            this.powerOps = factory;
            return this;
        }

        /**
         * Runs {@code listener} after every host reset: the VMX's {@code reset} (it reconnected, e.g.
         * after a migration or a VMX restart) and a TCLO channel that broke and was reopened. Runs
         * off the poll thread, after the reply to {@code reset} is queued.
         */
        public Builder onReset(Runnable listener) {
            resetListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** How often to look for guest-info changes (default 30 s; zero disables the polling). */
        public Builder guestInfoInterval(Duration interval) {
            this.guestInfoInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** The poll loop's sleeper (tests). */
        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        /** See {@link TcloService.Builder#handlerBound(Duration)}. */
        public Builder handlerBound(Duration bound) {
            this.handlerBound = Objects.requireNonNull(bound);
            return this;
        }

        /** The application name in {@code OK ATR <name>} (default {@code toolbox}). */
        public Builder appName(String name) {
            this.appName = Objects.requireNonNull(name);
            return this;
        }

        /** The version in the log line after the first reset and, as {@code x.y.z}, in {@code guestinfo.vmtools.*}. */
        public Builder version(String v) {
            this.version = Objects.requireNonNull(v);
            return this;
        }

        /** The product name in {@code guestinfo.vmtools.description} (default {@value ToolsVersion#PRODUCT}). */
        public Builder product(String name) {
            this.product = Objects.requireNonNull(name);
            return this;
        }

        /** The numeric build number in {@code guestinfo.vmtools.buildNumber} (default 0). */
        public Builder buildNumber(long number) {
            if (number < 0) {
                throw new IllegalArgumentException("negative build number");
            }
            this.build = number;
            return this;
        }

        /** Builds the toolbox (not started). */
        public Toolbox build() {
            return new Toolbox(this);
        }
    }
}
