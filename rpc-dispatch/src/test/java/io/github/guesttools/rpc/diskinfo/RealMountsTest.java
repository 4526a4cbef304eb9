package io.github.guesttools.rpc.diskinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** This machine's real mount table and {@code statvfs}: only what holds on any Linux machine. */
class RealMountsTest {
    private static final Set<String> PSEUDO = Set.of(
            "proc",
            "sysfs",
            "tmpfs",
            "devtmpfs",
            "devpts",
            "cgroup",
            "cgroup2",
            "overlay",
            "autofs",
            "nfs",
            "nfs4",
            "cifs",
            "smbfs",
            "vmhgfs",
            "fuse",
            "squashfs",
            "iso9660",
            "debugfs",
            "tracefs");

    @Test
    void reportsRealLocalFileSystemsOnly() throws IOException {
        // one read of the table for both sides: other processes (tests with loop mounts) change it meanwhile
        String mountinfo = DiskCollector.PROC_SELF.read();
        DiskCollector collector =
                DiskCollector.builder().mountTable(() -> mountinfo).build();
        List<MountEntry> table = MountInfoParser.parse(mountinfo);
        List<DiskInfo> disks = collector.collect();
        assertThat(table).as("every Linux process has a mount table").isNotEmpty();
        for (DiskInfo d : disks) {
            assertThat(PSEUDO).as("type of %s", d.mountPoint()).doesNotContain(d.fsType());
            assertThat(d.fsType()).isIn(DiskCollector.DEFAULT_TYPES);
            assertThat(d.size()).as("size of %s", d.mountPoint()).isPositive();
            assertThat(d.free()).as("free of %s", d.mountPoint()).isBetween(0L, d.size());
        }
        // "/" is reported exactly when its (visible, last) mount is an allowed whole file system; in a
        // chroot the real root is outside this process's view and the table has no "/" at all
        Optional<MountEntry> root =
                table.stream().filter(m -> m.mountPoint().equals("/")).reduce((a, b) -> b);
        boolean rootReported = disks.stream().anyMatch(d -> d.mountPoint().equals("/"));
        if (root.isPresent()) {
            assertThat(rootReported)
                    .as("root %s %s reported", root.get().fsType(), root.get().root())
                    .isEqualTo(collector.reported(root.get()));
        } else {
            System.out.println("[NOTE] RealMountsTest: no \"/\" in this process's mount table (a chroot?)");
            assertThat(rootReported).isFalse();
        }
        // and what is reported lines up with the table
        assertThat(disks)
                .extracting(DiskInfo::mountPoint)
                .allMatch(p -> table.stream().anyMatch(m -> m.mountPoint().equals(p) && collector.reported(m)));
    }

    @Test
    void theDeviceMappingOfThisMachineNeverFailsAndOnlyNamesVirtualDisks() throws IOException {
        DeviceMapper mapper = DeviceMapper.system();
        // every mount, reported or not: whatever this machine's sysfs looks like, no exception escapes
        for (MountEntry m : MountInfoParser.parse(DiskCollector.PROC_SELF.read())) {
            assertDeviceNames(mapper.devices(m));
        }
        for (DiskInfo d : DiskCollector.builder().build().collect()) {
            assertDeviceNames(d.devices());
        }
    }

    private static void assertDeviceNames(List<String> devices) {
        assertThat(devices)
                .hasSizeLessThanOrEqualTo(DeviceMapper.MAX_DEVICES)
                .allSatisfy(name -> assertThat(name).matches(DeviceMapper.NAME).hasSizeLessThanOrEqualTo(14));
    }

    @Test
    void statvfsOfTheRootAgreesWithItself() throws IOException {
        boolean rootVisible = MountInfoParser.parse(DiskCollector.PROC_SELF.read()).stream()
                .anyMatch(m -> m.mountPoint().equals("/"));
        if (!rootVisible) {
            System.out.println("SKIPPED RealMountsTest.statvfsOfTheRootAgreesWithItself: no \"/\" in this"
                    + " process's mount table (a chroot), so the JDK cannot find its file store");
        }
        Assumptions.assumeTrue(rootVisible, "no / in the mount table (a chroot)");
        DiskSpace s = DiskSpace.STATVFS.read("/");
        assertThat(s.size()).isPositive();
        assertThat(s.available()).isBetween(0L, s.free());
        assertThat(s.free()).isLessThanOrEqualTo(s.size());
    }
}
