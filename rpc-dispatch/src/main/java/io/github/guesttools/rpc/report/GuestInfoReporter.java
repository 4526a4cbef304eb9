package io.github.guesttools.rpc.report;

import io.github.guesttools.rpc.diskinfo.DiskCollector;
import io.github.guesttools.rpc.diskinfo.DiskInfo;
import io.github.guesttools.rpc.diskinfo.DiskInfoEncoder;
import io.github.guesttools.rpc.internal.xdr.NicInfoXdr;
import io.github.guesttools.rpc.netinfo.NetworkCollector;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.osinfo.OsDetailed;
import io.github.guesttools.rpc.osinfo.OsInfo;
import io.github.guesttools.rpc.osinfo.OsInfoCollector;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends guest information to the VMX: build number, OS (type 11, or 5 and 6 when the host refuses it),
 * disks ({@code SetGuestDiskInfo} JSON, or type 3 when the host refuses it), host name, NIC info (type 10,
 * then the fallback chain, remembering what the host accepted) and uptime.
 *
 * <p>Every value sent is cached and only changes are resent; {@link #pushAll()} (used on {@code reset})
 * forgets the cache and the accepted methods. {@link #start(Duration)} polls for changes; each cycle
 * encodes the current state and compares bytes, so an unchanged guest costs no RPCI.
 */
public final class GuestInfoReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestInfoReporter.class);

    private final RpciClient rpci;
    private final InfoSource<NicInfo> network;
    private final InfoSource<OsInfo> os;
    private final InfoSource<Optional<String>> hostName;
    private final InfoSource<Long> uptime;
    private final String buildNumber;
    private final InfoSource<List<DiskInfo>> disks;

    private final Map<GuestInfoType, byte[]> sent = new EnumMap<>(GuestInfoType.class);
    private byte[] lastNicBody;
    private NicInfo lastNicInfo = NicInfo.EMPTY;
    private NicInfoMethod nicMethod = NicInfoMethod.V3;
    private boolean osDetailedRefused;
    private byte[] lastDisks;
    private boolean diskJsonRefused;
    private ScheduledExecutorService timer;

    private GuestInfoReporter(Builder b) {
        this.rpci = b.rpci;
        this.network = b.network;
        this.os = b.os;
        this.hostName = b.hostName;
        this.uptime = b.uptime;
        this.buildNumber = b.buildNumber;
        this.disks = b.disks;
    }

    /** A builder reading the real OS, sending through {@code rpci}. */
    public static Builder builder(RpciClient rpci) {
        return new Builder(rpci);
    }

    /** Forgets what was sent and what the host accepted, then sends everything. */
    public synchronized void pushAll() {
        sent.clear();
        lastNicBody = null;
        nicMethod = NicInfoMethod.V3;
        osDetailedRefused = false;
        lastDisks = null;
        diskJsonRefused = false;
        pushChanged();
        pushUptime();
    }

    /** Sends whatever changed since the last push; failures are logged, never thrown. */
    public synchronized void pushChanged() {
        sendIfChanged(GuestInfoType.BUILD_NUMBER, SetGuestInfo.string(GuestInfoType.BUILD_NUMBER, buildNumber));
        try {
            pushOs(os.get());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the OS info", e);
        }
        pushDisks();
        try {
            Optional<String> name = hostName.get();
            if (name.isPresent()) {
                sendIfChanged(GuestInfoType.DNS_NAME, SetGuestInfo.string(GuestInfoType.DNS_NAME, name.get()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the host name", e);
        }
        pushNicInfo();
    }

    /**
     * Collects and sends the NIC info when it changed, walking the fallback chain if the host refuses.
     *
     * @return whether the host now has the current NIC info
     */
    public synchronized boolean pushNicInfo() {
        NicInfo info;
        try {
            info = network.get();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot collect the NIC info", e);
            return false;
        }
        lastNicInfo = info;
        byte[] v3 = NicInfoXdr.encodeV3(info);
        if (Arrays.equals(v3, lastNicBody)) {
            return true;
        }
        for (NicInfoMethod m = nicMethod; m != null; m = next(m)) {
            byte[] body = m == NicInfoMethod.V3 ? v3 : m.encode(info);
            if (accepted(SetGuestInfo.binary(m.type, body))) {
                if (m != nicMethod) {
                    LOG.info("host accepts NIC info as {} (type {})", m, m.type.code());
                }
                nicMethod = m;
                lastNicBody = v3;
                return true;
            }
        }
        nicMethod = NicInfoMethod.V3;
        LOG.warn("host refused the NIC info in every format");
        return false;
    }

    /**
     * Sends the disk list when its encoding changed: JSON until the host refuses it (failure, or a reply
     * with text), then type 3 until {@link #pushAll()}; the refusal is not retried every cycle.
     */
    private void pushDisks() {
        if (disks == null) {
            return;
        }
        List<DiskInfo> list;
        try {
            list = disks.get();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot collect the disk info", e);
            return;
        }
        if (list == null) {
            return; // the source is switched off for now ([guestinfo] disable-query-diskinfo)
        }
        if (!diskJsonRefused) {
            byte[] json = DiskInfoEncoder.json(list);
            if (Arrays.equals(json, lastDisks)) {
                return;
            }
            if (accepted(json)) {
                lastDisks = json;
                return;
            }
            LOG.info("host refuses SetGuestDiskInfo; sending disks as SetGuestInfo type 3");
            diskJsonRefused = true;
        }
        byte[] legacy = DiskInfoEncoder.legacy(list);
        if (!Arrays.equals(legacy, lastDisks) && accepted(legacy)) {
            lastDisks = legacy;
        }
    }

    /** Sends the uptime (type 7, hundredths of a second). */
    public synchronized void pushUptime() {
        try {
            accepted(SetGuestInfo.string(GuestInfoType.UPTIME, Long.toString(uptime.get())));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the uptime", e);
        }
    }

    /** The NIC info of the last collection. */
    public synchronized NicInfo lastNicInfo() {
        return lastNicInfo;
    }

    /** Collects the NIC info now from the configured source, without sending it. */
    public NicInfo collectNicInfo() throws IOException {
        return network.get();
    }

    /** Polls for changes every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guestinfo-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(this::pushChanged, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops the change polling; a second call is harmless. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void pushOs(OsInfo info) {
        if (!osDetailedRefused) {
            byte[] detailed = SetGuestInfo.binary(GuestInfoType.OS_DETAILED, OsDetailed.encode(info));
            if (Arrays.equals(detailed, sent.get(GuestInfoType.OS_DETAILED))) {
                return;
            }
            if (accepted(detailed)) {
                sent.put(GuestInfoType.OS_DETAILED, detailed);
                return;
            }
            LOG.info("host refuses detailed OS data; sending the OS names instead");
            osDetailedRefused = true;
        }
        sendIfChanged(GuestInfoType.OS_NAME_FULL, SetGuestInfo.string(GuestInfoType.OS_NAME_FULL, info.fullName()));
        sendIfChanged(GuestInfoType.OS_NAME, SetGuestInfo.string(GuestInfoType.OS_NAME, info.shortName()));
    }

    private void sendIfChanged(GuestInfoType type, byte[] command) {
        if (!Arrays.equals(command, sent.get(type)) && accepted(command)) {
            sent.put(type, command);
        }
    }

    /** Success is status {@code 1} with empty reply text. */
    private boolean accepted(byte[] command) {
        try {
            RpciReply reply = rpci.exchange(command);
            return reply.success() && reply.text().isEmpty();
        } catch (IOException e) {
            LOG.warn("SetGuestInfo failed: {}", e.getMessage());
            return false;
        }
    }

    private static NicInfoMethod next(NicInfoMethod m) {
        NicInfoMethod[] all = NicInfoMethod.values();
        return m.ordinal() + 1 < all.length ? all[m.ordinal() + 1] : null;
    }

    /** Reads {@code /proc/uptime} under {@code root} as hundredths of a second. */
    static long readUptime(Path root) throws IOException {
        String s = Files.readString(root.resolve("proc/uptime"), StandardCharsets.US_ASCII)
                .strip();
        String seconds = s.split("\\s+")[0];
        try {
            return Math.round(Double.parseDouble(seconds) * 100);
        } catch (NumberFormatException e) {
            throw new IOException("bad /proc/uptime: " + s, e);
        }
    }

    /** Configures a {@link GuestInfoReporter}. */
    public static final class Builder {
        private final RpciClient rpci;
        private InfoSource<NicInfo> network;
        private InfoSource<OsInfo> os = new OsInfoCollector()::collect;
        private InfoSource<Optional<String>> hostName;
        private InfoSource<Long> uptime = () -> readUptime(Path.of("/"));
        private String buildNumber = "build-0";
        private InfoSource<List<DiskInfo>> disks = DiskCollector.builder().build()::collect;

        private Builder(RpciClient rpci) {
            this.rpci = Objects.requireNonNull(rpci);
            NetworkCollector collector = NetworkCollector.builder().build();
            this.network = collector::collect;
            this.hostName = collector::hostName;
        }

        /** Where the NIC info comes from (default: {@link NetworkCollector} on the real OS). */
        public Builder network(InfoSource<NicInfo> source) {
            this.network = Objects.requireNonNull(source);
            return this;
        }

        /** Where the host name comes from (default: the kernel's). */
        public Builder hostName(InfoSource<Optional<String>> source) {
            this.hostName = Objects.requireNonNull(source);
            return this;
        }

        /** Where the OS info comes from (default: {@link OsInfoCollector}). */
        public Builder os(InfoSource<OsInfo> source) {
            this.os = Objects.requireNonNull(source);
            return this;
        }

        /** Where the uptime comes from, in hundredths of a second (default: {@code /proc/uptime}). */
        public Builder uptime(InfoSource<Long> source) {
            this.uptime = Objects.requireNonNull(source);
            return this;
        }

        /**
         * Where the disk list comes from (default: {@link DiskCollector} on the real mounts); {@code null}
         * sends none ({@code [guestinfo] disable-query-diskinfo}). A source that returns {@code null} skips that
         * cycle (a switch that can change at run time).
         */
        public Builder disks(InfoSource<List<DiskInfo>> source) {
            this.disks = source;
            return this;
        }

        /** The build string sent as type 4 (default {@code build-0}). */
        public Builder buildNumber(String build) {
            this.buildNumber = Objects.requireNonNull(build);
            return this;
        }

        /** Builds the reporter (not polling until {@link GuestInfoReporter#start(Duration)}). */
        public GuestInfoReporter build() {
            return new GuestInfoReporter(this);
        }
    }
}
