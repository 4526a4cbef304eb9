package io.github.guesttools.rpc.diskinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiskCollectorTest {
    /** A table as a Debian guest with LVM, a btrfs /home subvolume, containers and an NFS share shows it. */
    static final String TABLE = String.join(
            "\n",
            "22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
            "23 28 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw",
            "28 1 254:0 / / rw,relatime shared:1 - ext4 /dev/mapper/vg-root rw,errors=remount-ro",
            "29 28 0:5 / /dev rw,nosuid shared:2 - devtmpfs udev rw,size=8192k",
            "30 28 0:26 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,size=1632k,mode=755",
            "31 28 8:1 / /boot rw,relatime shared:30 - ext2 /dev/sda1 rw",
            "32 28 8:2 /@home /home rw,relatime shared:31 - btrfs /dev/sda2 rw,space_cache=v2,subvolid=257,subvol=/@home",
            "33 28 254:0 /srv/data /var/lib/data rw,relatime shared:1 - ext4 /dev/mapper/vg-root rw",
            "34 28 0:40 / /mnt/nfs rw,relatime shared:40 - nfs4 server:/export rw,vers=4.2",
            "35 28 0:41 / /var/lib/docker/overlay2/x/merged rw - overlay overlay rw,lowerdir=/a",
            "36 28 8:3 / /mnt/my\\040disk ro,relatime shared:41 master:3 - xfs /dev/sda3 ro",
            "37 28 11:0 / /media/cdrom ro - iso9660 /dev/sr0 ro",
            "garbage line",
            "");

    private final Map<String, DiskSpace> spaces = Map.of(
            "/", new DiskSpace(1000, 600, 650),
            "/boot", new DiskSpace(100, 50, 55),
            "/home", new DiskSpace(2000, 1500, 1500),
            "/mnt/my disk", new DiskSpace(300, 3, 3));

    private DiskCollector.Builder builder() {
        // no device mapping: this machine's sysfs must not leak into these expectations
        return DiskCollector.builder().devices(null).mountTable(() -> TABLE).space(mountPoint -> {
            DiskSpace s = spaces.get(mountPoint);
            if (s == null) {
                throw new AssertionError("statvfs on a filtered mount: " + mountPoint);
            }
            return s;
        });
    }

    @Test
    void keepsLocalWholeFileSystemsInTableOrderAndNeverTouchesTheRest() throws IOException {
        assertThat(builder().build().collect())
                .containsExactly(
                        new DiskInfo("/", 600, 1000, "ext4", List.of()),
                        new DiskInfo("/boot", 50, 100, "ext2", List.of()),
                        new DiskInfo("/home", 1500, 2000, "btrfs", List.of()),
                        new DiskInfo("/mnt/my disk", 3, 300, "xfs", List.of()));
    }

    @Test
    void reservedBlocksOnlyWhenConfigured() throws IOException {
        assertThat(builder().includeReserved(true).build().collect().get(0).free())
                .isEqualTo(650);
    }

    @Test
    void aFileSystemWhoseSpaceCannotBeReadIsSkippedNotTheWholeReport() throws IOException {
        DiskCollector c = builder()
                .space(mountPoint -> {
                    if (mountPoint.equals("/boot")) {
                        throw new IOException("EIO");
                    }
                    return spaces.get(mountPoint);
                })
                .build();
        assertThat(c.collect()).extracting(DiskInfo::mountPoint).containsExactly("/", "/home", "/mnt/my disk");
    }

    @Test
    void typesAreConfigurable() throws IOException {
        assertThat(builder().types(Set.of("xfs")).build().collect())
                .extracting(DiskInfo::mountPoint)
                .containsExactly("/mnt/my disk");
    }

    @Test
    void parserDecodesEscapesAndSkipsGarbage() {
        List<MountEntry> all = MountInfoParser.parse(TABLE);
        assertThat(all).hasSize(12);
        assertThat(all.get(10).mountPoint()).isEqualTo("/mnt/my disk");
        assertThat(MountInfoParser.unescape("a\\134b\\011c")).isEqualTo("a\\b\tc");
        assertThat(MountInfoParser.unescape("trailing\\04")).isEqualTo("trailing\\04");
        assertThat(MountInfoParser.parse("1 2 3\n\n- - -")).isEmpty();
    }

    @Test
    void btrfsSubvolumeIsWholeButABindMountOfADirectoryIsNot() {
        assertThat(new MountEntry("0:1", "/@", "/", "btrfs", "/dev/sda2", "rw,subvol=/@").wholeFileSystem())
                .isTrue();
        assertThat(new MountEntry("0:1", "/@/x", "/y", "btrfs", "/dev/sda2", "rw,subvol=/@").wholeFileSystem())
                .isFalse();
        assertThat(new MountEntry("0:1", "/x", "/y", "ext4", "/dev/sda2", "rw").wholeFileSystem())
                .isFalse();
    }
}
