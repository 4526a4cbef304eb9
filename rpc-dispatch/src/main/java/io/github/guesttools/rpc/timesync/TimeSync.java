package io.github.guesttools.rpc.timesync;

import io.github.guesttools.backdoor.hostclock.HostTime;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import io.github.guesttools.rpc.toolbox.Toolbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the guest clock with the host's ({@code docs/protocols/timesync.md} §1, §2, §4): {@code
 * Time_Synchronize} one-shot corrections, the periodic loop switched by {@code Set_Option synctime}, and the
 * {@code time.synchronize.*} options. The loop thread exists only while the loop is on, so a guest without
 * periodic sync pays nothing; the loop wakes once per period.
 */
public final class TimeSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TimeSync.class);
    /** A sample is good enough when its two host reads are this close. */
    static final long GOOD_SPREAD_MICROS = 2000;

    static final int SAMPLE_TRIES = 4;
    static final long MIN_TICK = 9000;
    static final long MAX_TICK = 11000;

    private final HostClock host;
    private final GuestClock guest;
    private final NtpDetector ntp;
    private boolean disableAll;
    private boolean disablePeriodic;
    private boolean periodicWithNtp;

    private boolean loopOn;
    private long periodSeconds = 60;
    private boolean toolsEnable = true;
    private boolean startupDone;
    private boolean startupBackward;
    private boolean slewCorrection;
    private int percentCorrection = 50;
    private long tick = GuestClock.NOMINAL_TICK;
    private boolean ntpLogged;
    private ScheduledExecutorService timer;

    private TimeSync(Builder b) {
        this.host = b.host;
        this.guest = b.guest;
        this.ntp = b.ntp != null ? b.ntp : NtpDetector.system(b.guest);
        this.disableAll = b.disableAll;
        this.disablePeriodic = b.disablePeriodic;
        this.periodicWithNtp = b.periodicWithNtp;
    }

    /** A time sync reading {@code host}, correcting the real clock by default. */
    public static Builder builder(HostClock host) {
        return new Builder(host);
    }

    /** Registers {@code Time_Synchronize}, {@code TimeInfo_Update} and the timesync options on {@code toolbox}. */
    public void register(Toolbox toolbox) {
        HandlerRegistry handlers = toolbox.handlers();
        handlers.register("Time_Synchronize", args -> {
            synchronize(new String(args, StandardCharsets.ISO_8859_1));
            return new byte[0];
        });
        handlers.register("TimeInfo_Update", args -> {
            throw new IllegalStateException("TimeInfo not enabled");
        });
        toolbox.onOption("synctime", v -> setSyncTime(flag(v)));
        toolbox.onOption("synctime.period", v -> setPeriod(unsigned(v)));
        toolbox.onOption("time.synchronize.tools.enable", v -> setToolsEnable(flag(v)));
        toolbox.onOption("time.synchronize.tools.startup", v -> startup(flag(v)));
        toolbox.onOption("time.synchronize.tools.startup.backward", v -> setStartupBackward(flag(v)));
        toolbox.onOption(
                "time.synchronize.tools.slewCorrection",
                v -> setSlewCorrection(!v.strip().equals("0")));
        toolbox.onOption("time.synchronize.tools.percentCorrection", v -> setPercentCorrection(v));
    }

    /**
     * {@code Time_Synchronize <0|1>}: a one-shot correction, backwards allowed only with {@code 1}.
     *
     * @throws IllegalArgumentException {@code Unable to tokenize TimeSync RPC data} for a bad argument
     * @throws IOException {@code Unable to sync time} when the correction failed
     */
    public void synchronize(String args) throws IOException {
        String a = args.replace("\0", "").strip();
        if (a.isEmpty() || !a.chars().allMatch(Character::isDigit) || a.length() > 10) {
            throw new IllegalArgumentException("Unable to tokenize TimeSync RPC data");
        }
        if (disableAll) {
            return;
        }
        if (!oneShot(a.equals("1"))) {
            throw new IOException("Unable to sync time");
        }
    }

    /**
     * Steps the clock if the guest is behind by more than the host's max lag, or ahead at all when
     * {@code allowBackward}.
     *
     * @return false when the host time could not be read or the clock could not be set
     */
    public synchronized boolean oneShot(boolean allowBackward) {
        try {
            Optional<Sample> s = sample();
            if (s.isEmpty()) {
                LOG.warn("no valid host time");
                return false;
            }
            Sample sample = s.get();
            if (sample.gosError() < -sample.maxError() || (sample.guest - sample.host > 0 && allowBackward)) {
                step(sample);
            }
            return true;
        } catch (IOException e) {
            LOG.warn("time sync failed: {}", e.getMessage());
            return false;
        }
    }

    /** One run of the periodic loop (§4.2); public for tests and benchmarks. */
    public synchronized void periodicOnce() {
        if (disableAll || disablePeriodic) {
            return;
        }
        try {
            if (!periodicWithNtp && ntp.active()) {
                if (!ntpLogged) {
                    LOG.info("an NTP client disciplines the clock; periodic time sync stands aside "
                            + "([timeSync] periodic-with-ntp=true overrides)");
                    ntpLogged = true;
                }
                resetTick();
                return;
            }
            Optional<Sample> s = sample();
            if (s.isEmpty()) {
                return;
            }
            Sample sample = s.get();
            boolean slew = sample.withLag && slewCorrection;
            if (!slew) {
                resetTick();
            }
            if (sample.gosError() < -sample.maxError()) {
                step(sample);
            } else if (slew) {
                slew(-sample.gosError());
            }
        } catch (IOException e) {
            LOG.warn("periodic time sync failed: {}", e.getMessage());
        }
    }

    /** {@code Set_Option synctime}: starts or stops the loop. */
    public synchronized void setSyncTime(boolean on) {
        if (on == loopOn) {
            return;
        }
        loopOn = on;
        if (on) {
            ntpLogged = false;
            if (toolsEnable) {
                oneShot(true);
            }
            startTimer();
        } else {
            stopTimer();
            try {
                resetTick();
            } catch (IOException e) {
                LOG.warn("cannot reset the clock rate: {}", e.getMessage());
            }
        }
    }

    /** {@code Set_Option synctime.period}: seconds, 0 means 60; restarts a running loop. */
    public synchronized void setPeriod(long seconds) {
        periodSeconds = seconds == 0 ? 60 : seconds;
        if (loopOn) {
            stopTimer();
            startTimer();
        }
    }

    /**
     * Changes the {@code [timeSync]} settings of a running time sync (a configuration reload): the next correction
     * follows them. Switching corrections off puts a slewed clock rate back to nominal, so that no slew outlives
     * the setting that allowed it.
     *
     * @param disableAll {@code disable-all}
     * @param disablePeriodic {@code disable-periodic}
     * @param periodicWithNtp {@code periodic-with-ntp}
     */
    public synchronized void reconfigure(boolean disableAll, boolean disablePeriodic, boolean periodicWithNtp) {
        this.disableAll = disableAll;
        this.disablePeriodic = disablePeriodic;
        this.periodicWithNtp = periodicWithNtp;
        if (disableAll || disablePeriodic) {
            try {
                resetTick();
            } catch (IOException e) {
                LOG.warn("cannot reset the clock rate: {}", e.getMessage());
            }
        }
    }

    /** Whether {@code disable-all} is in force. */
    public synchronized boolean allDisabled() {
        return disableAll;
    }

    /** Whether {@code disable-periodic} is in force. */
    public synchronized boolean periodicDisabled() {
        return disablePeriodic;
    }

    /** Whether the loop runs. */
    public synchronized boolean loopRunning() {
        return loopOn;
    }

    /** The loop period in seconds. */
    public synchronized long periodSeconds() {
        return periodSeconds;
    }

    /** The tick length last set (slewing). */
    public synchronized long tick() {
        return tick;
    }

    private synchronized void setToolsEnable(boolean on) {
        toolsEnable = on;
    }

    private synchronized void setStartupBackward(boolean on) {
        startupBackward = on;
    }

    private synchronized void setSlewCorrection(boolean on) {
        slewCorrection = on;
    }

    private synchronized void setPercentCorrection(String v) {
        long p = unsigned(v);
        percentCorrection = p >= 1 && p <= 100 ? (int) p : 50;
    }

    /** {@code time.synchronize.tools.startup 1}: one correction, once per process. */
    private synchronized void startup(boolean on) {
        if (on && !startupDone && !disableAll) {
            startupDone = true;
            oneShot(startupBackward);
        }
    }

    private void step(Sample s) throws IOException {
        resetTick();
        long delta = s.host - s.guest;
        guest.step(delta);
        LOG.info("stepped the clock by {} µs", delta);
        host.stopCatchup();
    }

    /** Plain slew (§4.3): the tick that corrects {@code percentCorrection}% of the error over one period. */
    private void slew(long errorMicros) throws IOException {
        long periodMicros = periodSeconds * 1_000_000;
        long d = errorMicros * percentCorrection / 100;
        long t = (periodMicros + d) / (periodSeconds * 100);
        t = Math.max(MIN_TICK, Math.min(MAX_TICK, t));
        if (t != tick) {
            guest.setTick(t);
            tick = t;
        }
    }

    private void resetTick() throws IOException {
        if (tick != GuestClock.NOMINAL_TICK) {
            guest.setTick(GuestClock.NOMINAL_TICK);
            tick = GuestClock.NOMINAL_TICK;
        }
    }

    /** Host, guest, host; the sample whose host reads are closest (§3.1). */
    private Optional<Sample> sample() throws IOException {
        Sample best = null;
        for (int i = 0; i < SAMPLE_TRIES; i++) {
            Optional<HostTime> h1 = host.read();
            long g = guest.nowMicros();
            Optional<HostTime> h2 = host.read();
            if (h1.isEmpty() || h2.isEmpty()) {
                return Optional.empty();
            }
            long spread = h2.get().epochMicros() - h1.get().epochMicros();
            if (spread < 0) {
                continue; // the host clock went back between the reads: useless sample
            }
            Sample s = new Sample(
                    h1.get().epochMicros() + spread / 2,
                    g,
                    spread,
                    h2.get().maxLagMicros(),
                    h2.get().interruptLagMicros(),
                    h2.get().withLag());
            if (best == null || s.spread < best.spread) {
                best = s;
            }
            if (spread <= GOOD_SPREAD_MICROS) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    private record Sample(long host, long guest, long spread, long maxError, long interruptLag, boolean withLag) {
        /** Guest minus host, minus the lag the guest only appears to have; negative = guest behind. */
        long gosError() {
            return guest - host + (withLag ? interruptLag : 0);
        }
    }

    private void startTimer() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timesync");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::periodicOnce, 0, periodSeconds, TimeUnit.SECONDS);
    }

    private void stopTimer() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Stops the loop and puts the clock rate back. */
    @Override
    public void close() {
        setSyncTime(false);
    }

    private static boolean flag(String v) {
        return switch (v.strip()) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new IllegalArgumentException("Unknown or invalid option");
        };
    }

    private static long unsigned(String v) {
        String s = v.strip();
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("Unknown or invalid option");
        }
        return Long.parseLong(s);
    }

    /** Configures a {@link TimeSync}. */
    public static final class Builder {
        private final HostClock host;
        private GuestClock guest;
        private NtpDetector ntp;
        private boolean disableAll;
        private boolean disablePeriodic;
        private boolean periodicWithNtp;

        private Builder(HostClock host) {
            this.host = Objects.requireNonNull(host);
        }

        /** The clock corrected (default {@link LinuxClock}, created on {@link #build()}). */
        public Builder guestClock(GuestClock clock) {
            this.guest = Objects.requireNonNull(clock);
            return this;
        }

        /** How an NTP client is detected (default {@link NtpDetector#system}). */
        public Builder ntp(NtpDetector detector) {
            this.ntp = Objects.requireNonNull(detector);
            return this;
        }

        /** {@code [timeSync] disable-all}: no correction at all (requests still answered {@code OK}). */
        public Builder disableAll(boolean on) {
            this.disableAll = on;
            return this;
        }

        /** {@code [timeSync] disable-periodic}: the loop corrects nothing. */
        public Builder disablePeriodic(boolean on) {
            this.disablePeriodic = on;
            return this;
        }

        /** {@code [timeSync] periodic-with-ntp}: run the loop even when an NTP client is active. */
        public Builder periodicWithNtp(boolean on) {
            this.periodicWithNtp = on;
            return this;
        }

        /** Builds it (loop off until the host sends {@code synctime 1}). */
        public TimeSync build() {
            if (guest == null) {
                guest = new LinuxClock();
            }
            return new TimeSync(this);
        }
    }
}
