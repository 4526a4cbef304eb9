package io.github.guesttools.rpc.diskinfo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the guest's local file systems for {@code guest.disk} ({@code guest-info-disks.md} §3.2): the mount
 * table in order, only allow-listed local types (so {@code statvfs} never touches a network or pseudo file
 * system that could hang or means nothing), only whole file systems (no bind mounts of sub-directories). A
 * file system whose space cannot be read is skipped and logged once; the others are still reported.
 *
 * <p>One {@link #collect()} takes at most the cycle bound (default {@link #CYCLE_BOUND}) plus the time
 * to read the mount table: a mount whose {@code statvfs} does not answer in time is left out of that
 * cycle (logged once) and not read again until its earlier read returns ({@link SpaceProbe}).
 */
public final class DiskCollector {
    private static final Logger LOG = LoggerFactory.getLogger(DiskCollector.class);

    /** open-vm-tools' list plus the local block file systems it misses. */
    public static final Set<String> DEFAULT_TYPES = Set.of(
            "ext2",
            "ext3",
            "ext4",
            "xfs",
            "btrfs",
            "reiserfs",
            "vfat",
            "msdos",
            "ntfs",
            "hfs",
            "ufs",
            "pcfs",
            "zfs",
            "f2fs",
            "exfat",
            "ntfs3",
            "jfs",
            "nilfs2",
            "bcachefs");

    /** How long one collection may wait for {@code statvfs} answers. */
    public static final Duration CYCLE_BOUND = Duration.ofSeconds(1);

    /** Where the mount table comes from. */
    @FunctionalInterface
    public interface MountTable {
        /** The text of {@code /proc/self/mountinfo}. */
        String read() throws IOException;
    }

    /** The running kernel's table. */
    public static final MountTable PROC_SELF =
            () -> Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);

    private final MountTable table;
    private final SpaceProbe probe;
    private final Duration cycleBound;
    private final Set<String> types;
    private final boolean includeReserved;
    private final DeviceMapper devices;
    private final Set<String> failing = new HashSet<>();
    private final Set<String> slow = new HashSet<>();

    private DiskCollector(Builder b) {
        this.table = b.table;
        this.probe = new SpaceProbe(b.space, SpaceProbe.MAX_THREADS);
        this.cycleBound = b.cycleBound;
        this.types = Set.copyOf(b.types);
        this.includeReserved = b.includeReserved;
        this.devices = b.devices;
    }

    /** A collector of the real mounts with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The file systems to report, in mount-table order. */
    public List<DiskInfo> collect() throws IOException {
        List<MountEntry> mounts = new ArrayList<>();
        for (MountEntry m : MountInfoParser.parse(table.read())) {
            if (reported(m)) {
                mounts.add(m);
            }
        }
        SpaceProbe.Result answers;
        try {
            answers = probe.read(mounts.stream().map(MountEntry::mountPoint).toList(), cycleBound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("disk info collection interrupted");
        }
        List<DiskInfo> out = new ArrayList<>();
        for (MountEntry m : mounts) {
            DiskSpace s = answers.spaces().get(m.mountPoint());
            synchronized (failing) {
                if (s != null) {
                    slow.remove(m.mountPoint());
                } else if (answers.unanswered().contains(m.mountPoint())) {
                    if (slow.add(m.mountPoint())) {
                        LOG.warn(
                                "not reporting {}: statvfs did not answer within {} ms (skipped until it does)",
                                m.mountPoint(),
                                cycleBound.toMillis());
                    }
                    continue;
                } else {
                    if (failing.add(m.mountPoint())) {
                        LOG.info(
                                "not reporting {}: cannot read its space ({})",
                                m.mountPoint(),
                                String.valueOf(answers.failures().get(m.mountPoint())));
                    }
                    continue;
                }
            }
            long free = includeReserved ? s.free() : s.available();
            out.add(new DiskInfo(m.mountPoint(), free, s.size(), m.fsType(), devicesOf(m)));
        }
        return out;
    }

    private List<String> devicesOf(MountEntry m) {
        if (devices == null) {
            return List.of();
        }
        try {
            return devices.devices(m);
        } catch (RuntimeException e) {
            LOG.debug("no devices for {}: {}", m.mountPoint(), e.toString());
            return List.of();
        }
    }

    /** Probe threads alive now (tests). */
    int probeThreads() {
        return probe.threads();
    }

    /** Whether a mount is one vSphere should see. */
    public boolean reported(MountEntry m) {
        return types.contains(m.fsType()) && m.wholeFileSystem();
    }

    /** Configures a {@link DiskCollector}. */
    public static final class Builder {
        private MountTable table = PROC_SELF;
        private DiskSpace.Reader space = DiskSpace.STATVFS;
        private Set<String> types = DEFAULT_TYPES;
        private boolean includeReserved;
        private Duration cycleBound = CYCLE_BOUND;
        private DeviceMapper devices = DeviceMapper.system();

        private Builder() {}

        /** The mount table (default {@link #PROC_SELF}). */
        public Builder mountTable(MountTable t) {
            this.table = Objects.requireNonNull(t);
            return this;
        }

        /** How space is read (default {@link DiskSpace#STATVFS}). */
        public Builder space(DiskSpace.Reader r) {
            this.space = Objects.requireNonNull(r);
            return this;
        }

        /** The reported file-system types ({@code [guestinfo] diskinfo-fs-types}; default {@link #DEFAULT_TYPES}). */
        public Builder types(Set<String> t) {
            this.types = Set.copyOf(t);
            return this;
        }

        /**
         * Report free space including root's reserved blocks ({@code [guestinfo] diskinfo-include-reserved});
         * default off: the space unprivileged users have, as {@code df} shows it.
         */
        public Builder includeReserved(boolean on) {
            this.includeReserved = on;
            return this;
        }

        /**
         * How file systems are mapped to virtual disks (default {@link DeviceMapper#system()}); {@code null}
         * reports no {@code devices} ({@code [guestinfo] diskinfo-report-device=false}).
         */
        public Builder devices(DeviceMapper d) {
            this.devices = d;
            return this;
        }

        /** How long one collection may wait for {@code statvfs} answers (default {@link #CYCLE_BOUND}). */
        public Builder cycleBound(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("cycle bound must be positive");
            }
            this.cycleBound = d;
            return this;
        }

        /** Builds the collector. */
        public DiskCollector build() {
            return new DiskCollector(this);
        }
    }
}
