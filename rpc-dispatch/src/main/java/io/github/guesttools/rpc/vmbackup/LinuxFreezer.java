package io.github.guesttools.rpc.vmbackup;

import io.github.guesttools.rpc.internal.fsfreeze.FreezeCallException;
import io.github.guesttools.rpc.internal.fsfreeze.FreezeCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes local writable file systems with {@code FIFREEZE} ({@code docs/protocols/vmbackup.md} §7):
 * the mount table in reverse order (a file system mounted later may live on one mounted earlier and
 * must be flushed first), one mount per super block ({@code major:minor}), no read-only super
 * blocks, no network, FUSE or pseudo types (decided by type before any {@code open()}, which can
 * hang on those), no file system with a mount point matching an exclude pattern. Mount points that vanished, are not
 * directories or cannot be opened are skipped, as are file systems that cannot freeze ({@code
 * EOPNOTSUPP}); any other failure thaws what was frozen and fails. Needs {@code CAP_SYS_ADMIN}.
 */
public final class LinuxFreezer implements FileSystemFreezer {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxFreezer.class);

    /** Types never opened: network, cluster, FUSE, automount, HGFS and pseudo file systems. */
    static final Set<String> SKIPPED_TYPES = Set.of(
            "nfs",
            "nfs4",
            "cifs",
            "smb3",
            "smbfs",
            "ceph",
            "glusterfs",
            "9p",
            "afs",
            "lustre",
            "gpfs",
            "davfs",
            "fuse",
            "fuseblk",
            "autofs",
            "vmhgfs",
            "vmhgfs-fuse",
            "virtiofs",
            "proc",
            "sysfs",
            "devtmpfs",
            "devpts",
            "tmpfs",
            "ramfs",
            "cgroup",
            "cgroup2",
            "securityfs",
            "pstore",
            "debugfs",
            "tracefs",
            "bpf",
            "mqueue",
            "hugetlbfs",
            "configfs",
            "fusectl",
            "binfmt_misc",
            "efivarfs",
            "selinuxfs",
            "rpc_pipefs",
            "nsfs",
            "overlay",
            "squashfs",
            "iso9660");

    /** Where the mount table comes from (a test gives only its own loop mounts). */
    @FunctionalInterface
    public interface MountSource {
        /** The mount table in table order. */
        List<MountEntry> read() throws IOException;
    }

    /** The crash-recovery record of {@link #system}: on tmpfs, which cannot be frozen. */
    public static final Path DEFAULT_RECORD = Path.of("/run/guest-tools/frozen");

    private final MountSource mounts;
    private final List<String> excludedFileSystems;
    private final List<MountGlob> excluded;
    private final FreezeRecord record;

    /**
     * @param mounts the mount table
     * @param excludedFileSystems {@code excludedFileSystems} patterns ({@code *}, {@code ?})
     */
    public LinuxFreezer(MountSource mounts, List<String> excludedFileSystems) {
        this(mounts, excludedFileSystems, null);
    }

    private LinuxFreezer(MountSource mounts, List<String> excludedFileSystems, FreezeRecord record) {
        this.mounts = Objects.requireNonNull(mounts);
        this.excludedFileSystems = List.copyOf(excludedFileSystems);
        this.excluded = excludedFileSystems.stream().map(MountGlob::new).toList();
        this.record = record;
    }

    /**
     * The live mount table of this process, minus {@code excludedFileSystems}, recording what it freezes
     * in {@link #DEFAULT_RECORD}.
     */
    public static LinuxFreezer system(List<String> excludedFileSystems) {
        return new LinuxFreezer(MountEntry::current, excludedFileSystems).withRecord(DEFAULT_RECORD);
    }

    /**
     * A copy that appends each mount point to {@code file} (flushed) before freezing it and deletes the
     * file once everything is thawed, so that {@link #recover} can thaw after the process was killed (a
     * freeze outlives the process that made it). Put it on a file system that cannot be frozen.
     */
    public LinuxFreezer withRecord(Path file) {
        return new LinuxFreezer(mounts, excludedFileSystems, new FreezeRecord(file));
    }

    /**
     * Thaws every mount point listed in a record left by a killed process, then deletes it; call at
     * start-up. Thawing what is not frozen is harmless.
     *
     * @return the mount points listed
     */
    public static List<String> recover(Path file) {
        List<String> listed = new FreezeRecord(file).read();
        for (String path : listed) {
            try {
                int fd = FreezeCalls.openDirectory(path);
                try {
                    FreezeCalls.thaw(fd);
                    LOG.warn("thawed {}, left frozen by an earlier run", path);
                } catch (FreezeCallException e) {
                    if (e.errno() != FreezeCallException.EINVAL) {
                        LOG.error("cannot thaw {} left frozen by an earlier run: {}", path, e.getMessage());
                    }
                } finally {
                    FreezeCalls.close(fd);
                }
            } catch (FreezeCallException e) {
                LOG.warn("cannot open {} to thaw it: {}", path, e.getMessage());
            }
        }
        new FreezeRecord(file).delete();
        return listed;
    }

    /** The mount points that would be tried, in freezing order. */
    public List<String> candidates() throws IOException {
        List<MountEntry> table = mounts.read();
        // excluding one mount of a super block excludes the file system: freezing another mount of it
        // would freeze the excluded one too
        Set<String> devices = new HashSet<>();
        for (MountEntry m : table) {
            if (isExcluded(m.mountPoint())) {
                devices.add(m.device());
            }
        }
        List<String> order = new ArrayList<>();
        // first mount of a super block wins, in table order; then reversed
        List<String> forward = new ArrayList<>();
        for (MountEntry m : table) {
            if (m.readOnly() || skippedType(m) || remoteSource(m)) {
                continue;
            }
            if (devices.add(m.device())) {
                forward.add(m.mountPoint());
            }
        }
        for (int i = forward.size() - 1; i >= 0; i--) {
            order.add(forward.get(i));
        }
        return order;
    }

    @Override
    public FreezeSession session() {
        return new Session();
    }

    private static boolean skippedType(MountEntry m) {
        return SKIPPED_TYPES.contains(m.type()) || m.type().startsWith("fuse.");
    }

    private static boolean remoteSource(MountEntry m) {
        return m.source().startsWith("http://") || m.source().startsWith("https://");
    }

    private boolean isExcluded(String mountPoint) {
        for (MountGlob g : excluded) {
            if (g.matches(mountPoint)) {
                return true;
            }
        }
        return false;
    }

    private static boolean skippableOpenError(int errno) {
        return errno == FreezeCallException.ENOENT
                || errno == FreezeCallException.EACCES
                || errno == FreezeCallException.ENXIO
                || errno == FreezeCallException.EIO
                || errno == FreezeCallException.ENOTDIR
                || errno == FreezeCallException.ELOOP;
    }

    /** A frozen mount point and the descriptor its freeze was made through. */
    private record Frozen(String mountPoint, int fd) {}

    private final class Session implements FreezeSession {
        private final List<Frozen> frozen = new ArrayList<>();
        private boolean thawed;

        @Override
        public List<String> freeze() throws IOException {
            List<String> done = new ArrayList<>();
            try {
                for (String path : candidates()) {
                    synchronized (this) {
                        if (thawed) {
                            throw new IOException("freeze cancelled");
                        }
                    }
                    if (freezeOne(path)) {
                        done.add(path);
                    }
                }
                if (done.isEmpty()) {
                    throw new IOException("No file systems to freeze");
                }
                return done;
            } catch (IOException | RuntimeException e) {
                thawQuietly();
                throw e;
            }
        }

        /** Outside the lock: open() and FIFREEZE may block for long. */
        private boolean freezeOne(String path) throws IOException {
            int fd;
            try {
                fd = FreezeCalls.openDirectory(path);
            } catch (FreezeCallException e) {
                if (skippableOpenError(e.errno())) {
                    LOG.info("not freezing {}: {}", path, e.getMessage());
                    return false;
                }
                throw e;
            }
            if (record != null) {
                record.append(path);
            }
            try {
                FreezeCalls.freeze(fd);
            } catch (FreezeCallException e) {
                FreezeCalls.close(fd);
                if (e.errno() == FreezeCallException.EOPNOTSUPP) {
                    LOG.debug("{} cannot be frozen", path);
                    return false;
                }
                throw new IOException("cannot freeze " + path + ": " + e.getMessage(), e);
            }
            synchronized (this) {
                if (thawed) {
                    // thaw() ran while this ioctl was in flight: undo at once
                    thawOne(new Frozen(path, fd));
                    throw new IOException("freeze cancelled");
                }
                frozen.add(new Frozen(path, fd));
            }
            return true;
        }

        @Override
        public synchronized void thaw() throws IOException {
            thawed = true;
            IOException failure = null;
            for (int i = frozen.size() - 1; i >= 0; i--) {
                try {
                    thawOne(frozen.get(i));
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            frozen.clear();
            if (failure != null) {
                throw failure;
            }
            if (record != null) {
                record.delete();
            }
        }

        private void thawQuietly() {
            try {
                thaw();
            } catch (IOException e) {
                LOG.error("thawing after a failed freeze", e);
            }
        }

        private void thawOne(Frozen f) throws IOException {
            try {
                FreezeCalls.thaw(f.fd());
            } catch (FreezeCallException e) {
                if (e.errno() != FreezeCallException.EINVAL) {
                    throw new IOException("cannot thaw " + f.mountPoint() + ": " + e.getMessage(), e);
                }
            } finally {
                FreezeCalls.close(f.fd());
            }
        }
    }
}
