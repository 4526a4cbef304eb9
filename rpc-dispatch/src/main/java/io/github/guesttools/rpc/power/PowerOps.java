package io.github.guesttools.rpc.power;

import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The power-operation handlers. A request starts the operation's script (when configured and enabled)
 * and is answered {@code OK } at once; for halt and reboot the shutdown command follows a successful
 * script. When the outcome is known, {@code tools.os.statechange.status <1|0> <state>} reports it: the
 * real exit status, never success before running (and a retry after a failure is not turned into a
 * success, unlike vmtoolsd). {@code shutdown} returns once the shutdown is scheduled, so the status of
 * a halt or reboot reaches the host before the guest goes down.
 *
 * <p>One operation at a time: a request while one runs gets {@code ERROR State change already in
 * progress}; a script that cannot be started gets {@code ERROR Error starting script} and status 0.
 */
public final class PowerOps {
    private static final Logger LOG = LoggerFactory.getLogger(PowerOps.class);
    /** The reply text while an operation runs. */
    static final String IN_PROGRESS = "State change already in progress";
    /** The reply text when the action cannot be started. */
    static final String START_FAILED = "Error starting script";

    private final RpciClient rpci;
    private final Map<PowerOperation, PowerAction> scripts;
    private final Map<PowerOperation, PowerAction> shutdown;
    private final Set<PowerOperation> scriptsDisabled = EnumSet.noneOf(PowerOperation.class);
    private PowerOperation running;

    private PowerOps(Builder b) {
        this.rpci = b.rpci;
        this.scripts = new EnumMap<>(b.scripts);
        this.shutdown = new EnumMap<>(b.shutdown);
    }

    /** A builder with the shutdown commands for halt and reboot and no scripts. */
    public static Builder builder(RpciClient rpci) {
        return new Builder(rpci);
    }

    /** Registers the five {@code OS_*} handlers. */
    public void register(HandlerRegistry handlers) {
        for (PowerOperation op : PowerOperation.values()) {
            handlers.register(op.rpcName(), args -> handle(op));
        }
    }

    /**
     * Applies a {@code toolScripts.*} option ({@code 1} enables, {@code 0} disables).
     *
     * @return whether the name is a script option
     * @throws IllegalArgumentException when the value is not {@code 0} or {@code 1}
     */
    public boolean setOption(String name, String value) {
        boolean matched = false;
        for (PowerOperation op : PowerOperation.values()) {
            if (op.scriptOption().equals(name)) {
                matched = true;
                boolean enabled = switch (value) {
                    case "1" -> true;
                    case "0" -> false;
                    default -> throw new IllegalArgumentException("Invalid option value " + value);
                };
                synchronized (this) {
                    if (enabled) {
                        scriptsDisabled.remove(op);
                    } else {
                        scriptsDisabled.add(op);
                    }
                }
            }
        }
        return matched;
    }

    /** Whether an operation is running. */
    public synchronized boolean isBusy() {
        return running != null;
    }

    byte[] handle(PowerOperation op) throws Exception {
        PowerAction script;
        synchronized (this) {
            if (running != null) {
                throw new IllegalStateException(IN_PROGRESS);
            }
            running = op;
            script = scriptsDisabled.contains(op) ? null : scripts.get(op);
        }
        CompletableFuture<Boolean> outcome;
        try {
            outcome = script == null ? CompletableFuture.completedFuture(true) : script.start();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot start the {} script", op, e);
            finish(op, false);
            throw new IOException(START_FAILED, e);
        }
        if (op.shutsDown()) {
            outcome = outcome.thenCompose(ok -> ok ? startShutdown(op) : CompletableFuture.completedFuture(false));
        }
        outcome.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("{} failed", op, error);
            }
            finish(op, Boolean.TRUE.equals(ok) && error == null);
        });
        return new byte[0];
    }

    private CompletableFuture<Boolean> startShutdown(PowerOperation op) {
        PowerAction action = shutdown.get(op);
        if (action == null) {
            return CompletableFuture.completedFuture(false);
        }
        log(op == PowerOperation.HALT ? "Initiating halt." : "Initiating reboot.");
        try {
            return action.start();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot start the {} command", op, e);
            return CompletableFuture.completedFuture(false);
        }
    }

    private void finish(PowerOperation op, boolean success) {
        // Not busy before the report: the host may send the next operation as soon as it has the
        // status, and must not be refused with "in progress" for one that has ended.
        synchronized (this) {
            running = null;
        }
        try {
            rpci.send("tools.os.statechange.status " + (success ? 1 : 0) + " " + op.stateId());
        } catch (IOException e) {
            LOG.warn("cannot report the {} status", op, e);
        }
    }

    private void log(String text) {
        try {
            rpci.send("log " + text);
        } catch (IOException e) {
            LOG.debug("cannot log to the VMX", e);
        }
    }

    /** Configures {@link PowerOps}. */
    public static final class Builder {
        private final RpciClient rpci;
        private final Map<PowerOperation, PowerAction> scripts = new EnumMap<>(PowerOperation.class);
        private final Map<PowerOperation, PowerAction> shutdown = new EnumMap<>(PowerOperation.class);

        private Builder(RpciClient rpci) {
            this.rpci = Objects.requireNonNull(rpci);
            shutdown.put(PowerOperation.HALT, CommandAction.halt());
            shutdown.put(PowerOperation.REBOOT, CommandAction.reboot());
        }

        /** The script run for {@code op} (halt and reboot run it before shutting down). */
        public Builder script(PowerOperation op, PowerAction action) {
            scripts.put(op, Objects.requireNonNull(action));
            return this;
        }

        /**
         * Uses vmtoolsd's default scripts found executable in {@code dir} (e.g. {@code /etc/vmware-tools}):
         * {@code poweroff-vm-default} for halt and reboot, {@code poweron-vm-default},
         * {@code resume-vm-default}, {@code suspend-vm-default}.
         */
        public Builder scriptsFrom(Path dir) {
            scriptIfPresent(dir.resolve("poweroff-vm-default"), PowerOperation.HALT, PowerOperation.REBOOT);
            scriptIfPresent(dir.resolve("poweron-vm-default"), PowerOperation.POWER_ON);
            scriptIfPresent(dir.resolve("resume-vm-default"), PowerOperation.RESUME);
            scriptIfPresent(dir.resolve("suspend-vm-default"), PowerOperation.SUSPEND);
            return this;
        }

        /** The command that halts or reboots the guest (default {@code /sbin/shutdown -h|-r now}). */
        public Builder shutdown(PowerOperation op, PowerAction action) {
            if (!op.shutsDown()) {
                throw new IllegalArgumentException(op + " does not shut down");
            }
            shutdown.put(op, Objects.requireNonNull(action));
            return this;
        }

        /** Builds the handlers. */
        public PowerOps build() {
            return new PowerOps(this);
        }

        private void scriptIfPresent(Path script, PowerOperation... ops) {
            if (Files.isRegularFile(script) && Files.isExecutable(script)) {
                for (PowerOperation op : ops) {
                    scripts.put(op, CommandAction.script(script));
                }
            }
        }
    }
}
