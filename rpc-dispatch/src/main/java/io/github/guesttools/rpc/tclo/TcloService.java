package io.github.guesttools.rpc.tclo;

import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.channel.RpcChannel;
import io.github.guesttools.rpc.channel.RpcChannelOpener;
import io.github.guesttools.rpc.channel.RpcProtocol;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCLO poll loop: owns the VM's one TCLO channel, polls it on its own thread and answers requests
 * through a {@link HandlerRegistry}.
 *
 * <pre>{@code
 * HandlerRegistry handlers = new HandlerRegistry();
 * handlers.register("Echo", args -> args);
 * TcloService tclo = TcloService.builder(opener).handlers(handlers).build();
 * tclo.start();   // throws ChannelInUseException when vmtoolsd already runs
 * }</pre>
 *
 * <h2>Loop</h2>
 * The reply to a request travels in the next send; an empty send is the heartbeat; while idle the
 * loop backs off 10, 20, 40, 80, then 100 ms, and polls again at once after a request
 * ({@code docs/protocols/rpc.md} §3). Waits go through an injectable {@link Sleeper}.
 *
 * <h2>Slow handlers</h2>
 * While a request is open the VMX sends nothing else, {@code ping} included, so the loop never holds
 * a request open for long: a {@link Execution#WORKER} handler gets at most the handler bound (default
 * 250 ms, well under the host's timeouts and the 1 s govmomi uses) and is otherwise answered
 * {@code ERROR Request timed out} while it runs on; its late result is dropped. Work that takes longer
 * is split the way vmtoolsd does it: the handler answers at once ({@code OK }) and reports the outcome
 * by RPCI when done (power operations send {@code tools.os.statechange.status}). Requests that arrive
 * meanwhile are dispatched normally, on other workers.
 *
 * <h2>Channel errors</h2>
 * A send failure means the cookie was invalidated: the loop closes TCLO and the RPCI client's
 * channel, waits (1 s, doubling up to 5 s), reopens and carries on. Receive failures are counted and
 * logged; three in a row are treated the same way. It never spins: every retry waits.
 *
 * <h2>Never dead inside a live process</h2>
 * A {@link RuntimeException} from dispatching a request is logged and answered as an error; the loop goes
 * on. An {@link Error} (out of memory, stack overflow) ends the loop and goes to the {@linkplain
 * Builder#onLoopFailure loop-failure action}, and a watchdog thread that waits for the poll thread does
 * the same if that thread ends in any other way (an unexpected exception) while the service runs. The default
 * action, {@link #HALT_ON_LOOP_FAILURE}, logs one line and halts the JVM with status {@value
 * #LOOP_FAILURE_STATUS}, so a service manager restarts the agent instead of leaving a process that
 * answers nothing.
 *
 * <p>A loop can also hang without dying: blocked for ever inside a channel call or a poll-thread handler. The
 * loop records a heartbeat on every iteration and around every wait; when the watchdog (which looks every
 * {@value #STALL_CHECK_SECONDS} s) sees none for the {@linkplain Builder#stallBound stall bound} (default
 * {@value #DEFAULT_STALL_SECONDS} s, at least twice the handler bound; well above the longest legitimate wait:
 * the 100 ms idle back-off, the 5 s recovery wait, the handler bound), it calls the same loop-failure action
 * with the poll thread's state and stack in the message.
 *
 * <h2>Worker slots</h2>
 * Handlers run on at most {@link Builder#maxWorkers} workers (default 8), and one command name may hold at
 * most {@link Builder#maxWorkersPerCommand} of them (default one fewer), so requests of one kind that overrun
 * the handler bound (such as guest operations) always leave a worker for the host's other commands. Past
 * either, the request is answered {@code ERROR Too many requests in progress}.
 */
public final class TcloService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcloService.class);
    private static final byte[] EMPTY = new byte[0];

    /** The exit status of {@link #HALT_ON_LOOP_FAILURE} ({@code EX_SOFTWARE}). */
    public static final int LOOP_FAILURE_STATUS = 70;

    /** The default stall bound, in seconds, unless twice the handler bound is longer. */
    public static final int DEFAULT_STALL_SECONDS = 60;

    /** How often the watchdog looks at the heartbeat, in seconds. */
    public static final int STALL_CHECK_SECONDS = 5;

    /** Logs the failure and halts the JVM with {@value #LOOP_FAILURE_STATUS}; shutdown hooks do not run. */
    public static final Consumer<Throwable> HALT_ON_LOOP_FAILURE = failure -> {
        try {
            LOG.error(
                    "TCLO poll loop failed ({}); halting so that the service manager restarts the agent",
                    String.valueOf(failure));
        } finally {
            Runtime.getRuntime().halt(LOOP_FAILURE_STATUS);
        }
    };

    private final RpcChannelOpener opener;
    private final HandlerRegistry handlers;
    private final Runnable onChannelReset;
    private final Sleeper sleeper;
    private final Duration handlerBound;
    private final int maxWorkers;
    private final int maxWorkersPerCommand;
    private final Duration recoveryMin;
    private final Duration recoveryMax;
    private final int receiveErrorLimit;
    private final Consumer<Throwable> onLoopFailure;
    private final Duration stallBound;
    private final LongSupplier ticker;
    private final Duration stallCheck;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong receiveErrors = new AtomicLong();
    private final AtomicLong recoveries = new AtomicLong();
    private final AtomicBoolean loopFailed = new AtomicBoolean();

    private Thread thread;
    private volatile boolean running;
    /** Guards {@link #inPause}: {@link #stop()} interrupts the poll thread only inside a pause. */
    private final Object pauseLock = new Object();

    private boolean inPause;
    private RpcChannel channel;
    private Dispatcher dispatcher;
    private volatile PollWatchdog watchdog;
    private Thread watcher;

    private TcloService(Builder b) {
        this.opener = b.opener;
        this.handlers = b.handlers;
        this.onChannelReset = b.onChannelReset;
        this.sleeper = b.sleeper;
        this.handlerBound = b.handlerBound;
        this.maxWorkers = b.maxWorkers;
        this.maxWorkersPerCommand = b.maxWorkersPerCommand > 0
                ? Math.min(b.maxWorkersPerCommand, b.maxWorkers)
                : Math.max(1, b.maxWorkers - 1);
        this.recoveryMin = b.recoveryMin;
        this.recoveryMax = b.recoveryMax;
        this.receiveErrorLimit = b.receiveErrorLimit;
        this.onLoopFailure = b.onLoopFailure;
        this.stallBound = b.stallBound != null
                ? b.stallBound
                : max(Duration.ofSeconds(DEFAULT_STALL_SECONDS), b.handlerBound.multipliedBy(2));
        if (stallBound.compareTo(handlerBound.plus(recoveryMax)) <= 0) {
            throw new IllegalArgumentException(
                    "the stall bound " + stallBound + " must exceed the handler bound plus the longest recovery wait");
        }
        this.ticker = b.ticker;
        this.stallCheck = b.stallCheck;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A builder using {@code opener} to open the TCLO channel. */
    public static Builder builder(RpcChannelOpener opener) {
        return new Builder(opener);
    }

    /** The handlers this service dispatches to. */
    public HandlerRegistry handlers() {
        return handlers;
    }

    /**
     * Opens the TCLO channel and starts the poll thread. The channel is opened here, so a second
     * agent fails now with {@link io.github.guesttools.rpc.channel.ChannelInUseException}.
     *
     * @throws IllegalStateException when already running
     */
    public synchronized void start() throws ChannelException {
        if (thread != null) {
            throw new IllegalStateException("TCLO service already running");
        }
        channel = opener.open(RpcProtocol.TCLO);
        dispatcher = new Dispatcher(handlers, handlerBound, maxWorkers, maxWorkersPerCommand);
        loopFailed.set(false);
        running = true;
        PollWatchdog dog = new PollWatchdog(ticker, stallBound, stallCheck);
        watchdog = dog;
        Thread poll = new Thread(this::guardedLoop, "tclo-poll");
        poll.setDaemon(true);
        thread = poll;
        watcher = new Thread(() -> watch(dog, poll), "tclo-watchdog");
        watcher.setDaemon(true);
        poll.start();
        watcher.start();
    }

    /** Watches the poll thread; its end or a hang while the service should run is a loop failure. */
    private void watch(PollWatchdog dog, Thread poll) {
        Throwable failure;
        try {
            failure = dog.watch(poll, () -> isCurrent(poll));
        } catch (InterruptedException e) {
            return;
        }
        if (failure != null) {
            fail(poll, failure);
        }
    }

    private synchronized boolean isCurrent(Thread poll) {
        return running && thread == poll;
    }

    private void guardedLoop() {
        try {
            loop();
        } catch (Error e) {
            fail(Thread.currentThread(), e);
        }
    }

    /** Reports a failure of {@code poll} unless it was stopped (or replaced by a later start) meanwhile. */
    private void fail(Thread poll, Throwable failure) {
        if (isCurrent(poll) && loopFailed.compareAndSet(false, true)) {
            onLoopFailure.accept(failure);
        }
    }

    /** Stops the loop and closes the channel; waits for the poll thread. A second stop is harmless. */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        watcher.interrupt();
        // Woken only in its pauses: an interrupt during a backdoor call would close the bridge's
        // socket (an interruptible channel), and the close of the TCLO channel below could then not
        // reach the host, which allows one per VM. A call that hangs is interrupted after the bound.
        synchronized (pauseLock) {
            if (inPause) {
                t.interrupt();
            }
        }
        try {
            t.join(10_000);
            if (t.isAlive()) {
                t.interrupt();
                t.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("TCLO poll thread did not stop within 10 s");
        }
        closeChannel();
        dispatcher.close();
        thread = null;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the poll thread runs. */
    public synchronized boolean isRunning() {
        return thread != null;
    }

    /** Counters since construction. */
    public Stats stats() {
        return new Stats(requests.get(), receiveErrors.get(), recoveries.get());
    }

    /**
     * Counters of the loop.
     *
     * @param requests      requests received
     * @param receiveErrors failed receives
     * @param recoveries    channel resets (close, wait, reopen)
     */
    public record Stats(long requests, long receiveErrors, long recoveries) {}

    private void loop() {
        PollBackoff backoff = new PollBackoff();
        byte[] pending = EMPTY;
        int receiveFailures = 0;
        PollWatchdog dog = watchdog;
        while (running) {
            dog.beat();
            int delay = backoff.delayMillis();
            if (delay > 0 && !pause(Duration.ofMillis(delay))) {
                break;
            }
            dog.beat();
            try {
                channel.send(pending);
            } catch (ChannelException e) {
                LOG.warn("TCLO send failed ({}); resetting the channels", e.getMessage());
                pending = EMPTY;
                backoff.request();
                receiveFailures = 0;
                recover();
                continue;
            }
            pending = EMPTY;
            Optional<byte[]> message;
            try {
                message = channel.receive();
                receiveFailures = 0;
            } catch (ChannelException e) {
                receiveErrors.incrementAndGet();
                receiveFailures++;
                LOG.warn("TCLO receive failed ({} in a row): {}", receiveFailures, e.getMessage());
                if (receiveFailures >= receiveErrorLimit) {
                    receiveFailures = 0;
                    backoff.request();
                    recover();
                } else {
                    backoff.idle();
                }
                continue;
            }
            if (message.isEmpty()) {
                backoff.idle();
            } else {
                requests.incrementAndGet();
                try {
                    pending = dispatcher.dispatch(message.get());
                } catch (RuntimeException e) {
                    // a poll-thread handler or the dispatcher itself: answer, keep polling
                    LOG.error("TCLO dispatch failed: {}", e.toString());
                    pending = TcloReplies.error(e.getClass().getSimpleName());
                }
                backoff.request();
            }
        }
    }

    /** Closes both channels and reopens TCLO with a bounded back-off until it works or the loop stops. */
    private void recover() {
        recoveries.incrementAndGet();
        Duration wait = recoveryMin;
        while (running) {
            watchdog.beat();
            closeChannel();
            try {
                onChannelReset.run();
            } catch (RuntimeException e) {
                LOG.warn("channel reset hook failed", e);
            }
            if (!pause(wait)) {
                return;
            }
            watchdog.beat();
            try {
                RpcChannel reopened = opener.open(RpcProtocol.TCLO);
                synchronized (this) {
                    channel = reopened;
                }
                LOG.info("TCLO channel reopened");
                return;
            } catch (ChannelException e) {
                LOG.warn("reopening the TCLO channel failed: {}", e.getMessage());
                wait = wait.multipliedBy(2).compareTo(recoveryMax) > 0 ? recoveryMax : wait.multipliedBy(2);
            }
        }
    }

    private synchronized void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Returns false when the loop should end. */
    private boolean pause(Duration d) {
        synchronized (pauseLock) {
            if (!running) {
                return false;
            }
            inPause = true;
        }
        try {
            sleeper.sleep(d);
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            synchronized (pauseLock) {
                inPause = false;
                Thread.interrupted(); // a stop's wake-up that came as the pause ended: not for the calls
            }
        }
    }

    /** Configures a {@link TcloService}. */
    public static final class Builder {
        private final RpcChannelOpener opener;
        private HandlerRegistry handlers = new HandlerRegistry();
        private Runnable onChannelReset = () -> {};
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Duration handlerBound = Duration.ofMillis(250);
        private int maxWorkers = 8;
        private Duration recoveryMin = Duration.ofSeconds(1);
        private Duration recoveryMax = Duration.ofSeconds(5);
        private int receiveErrorLimit = 3;
        private Consumer<Throwable> onLoopFailure = HALT_ON_LOOP_FAILURE;
        private int maxWorkersPerCommand;
        private Duration stallBound;
        private LongSupplier ticker = System::nanoTime;
        private Duration stallCheck = Duration.ofSeconds(STALL_CHECK_SECONDS);

        private Builder(RpcChannelOpener opener) {
            this.opener = Objects.requireNonNull(opener);
        }

        /** The handler registry (default: a new empty one). */
        public Builder handlers(HandlerRegistry handlers) {
            this.handlers = Objects.requireNonNull(handlers);
            return this;
        }

        /** Run when the channels are reset, e.g. {@code rpci::reset} so the RPCI channel is reopened too. */
        public Builder onChannelReset(Runnable hook) {
            this.onChannelReset = Objects.requireNonNull(hook);
            return this;
        }

        /** The sleeper for poll back-off and recovery waits (default: real sleeps). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** How long the loop waits for a worker handler before answering it as timed out (default 250 ms). */
        public Builder handlerBound(Duration bound) {
            if (bound.isNegative() || bound.isZero()) {
                throw new IllegalArgumentException("handler bound must be positive");
            }
            this.handlerBound = bound;
            return this;
        }

        /** Worker threads for handlers (default 8); beyond them requests are answered as busy. */
        public Builder maxWorkers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one worker");
            }
            this.maxWorkers = n;
            return this;
        }

        /**
         * Workers one command name may hold at once (default {@code maxWorkers - 1}, at least 1), so that one
         * kind of request cannot take every worker; beyond it that command is answered as busy.
         */
        public Builder maxWorkersPerCommand(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one worker per command");
            }
            this.maxWorkersPerCommand = n;
            return this;
        }

        /**
         * How long the poll loop may make no progress before it counts as hung and goes to the loop-failure
         * action (default {@value TcloService#DEFAULT_STALL_SECONDS} s, or twice the handler bound if longer);
         * must exceed the handler bound plus the longest recovery wait.
         */
        public Builder stallBound(Duration bound) {
            this.stallBound = Objects.requireNonNull(bound);
            return this;
        }

        /**
         * The watchdog's clock (monotonic nanoseconds, default {@code System::nanoTime}) and how often it looks
         * (default {@value TcloService#STALL_CHECK_SECONDS} s); a test seam.
         */
        public Builder watchdogClock(LongSupplier nanoTicker, Duration checkEvery) {
            if (checkEvery.isNegative() || checkEvery.isZero()) {
                throw new IllegalArgumentException("check interval must be positive");
            }
            this.ticker = Objects.requireNonNull(nanoTicker);
            this.stallCheck = checkEvery;
            return this;
        }

        /** First and longest wait before reopening a broken channel (default 1 s and 5 s). */
        public Builder recoveryBackoff(Duration min, Duration max) {
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("need 0 < min <= max");
            }
            this.recoveryMin = min;
            this.recoveryMax = max;
            return this;
        }

        /** Consecutive receive failures treated as a broken channel (default 3). */
        public Builder receiveErrorLimit(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
            this.receiveErrorLimit = n;
            return this;
        }

        /**
         * What happens when the poll loop dies of an {@link Error}, its thread ends, or it hangs past the stall
         * bound while the service runs
         * (default {@link TcloService#HALT_ON_LOOP_FAILURE}); called at most once, on the poll or the watchdog
         * thread.
         */
        public Builder onLoopFailure(Consumer<Throwable> action) {
            this.onLoopFailure = Objects.requireNonNull(action);
            return this;
        }

        /** Builds the service (not started). */
        public TcloService build() {
            return new TcloService(this);
        }
    }
}
