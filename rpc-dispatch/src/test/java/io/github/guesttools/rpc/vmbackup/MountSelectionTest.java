package io.github.guesttools.rpc.vmbackup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which mounts the freezer tries, in which order: from mountinfo text, no root, nothing frozen. */
class MountSelectionTest {
    private static final List<String> MOUNTINFO = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "23 22 0:21 / /proc rw,nosuid - proc proc rw",
            "24 22 0:5 / /dev rw - devtmpfs udev rw,size=100k",
            "25 22 0:22 / /tmp rw - tmpfs tmpfs rw",
            "26 22 8:2 / /data rw - xfs /dev/sda2 rw",
            "27 26 7:0 / /data/image\\040mnt rw - ext4 /dev/loop0 rw",
            "28 22 8:2 /sub /srv rw - xfs /dev/sda2 rw",
            "29 22 0:40 / /mnt/nfs rw - nfs4 server:/export rw",
            "30 22 0:41 / /mnt/sshfs rw - fuse.sshfs me@host: rw",
            "31 22 0:42 / /mnt/gluster rw - fuse.glusterfs host:/vol rw",
            "32 22 8:3 / /boot ro,relatime - ext4 /dev/sda3 ro",
            "33 22 0:43 / /var/lib/docker/overlay2/x/merged rw - overlay overlay rw",
            "34 22 0:44 / /mnt/web rw - davfs https://example.com/dav rw",
            "35 22 8:4 / /scratch/a rw - ext4 /dev/sda4 rw",
            "36 22 8:5 / /scratch/b rw - ext4 /dev/sda5 rw",
            "37 22 8:6 / /home rw - btrfs /dev/sda6 rw",
            "garbage line");

    private static LinuxFreezer freezer(List<String> excluded) {
        return new LinuxFreezer(() -> MountEntry.parse(MOUNTINFO), excluded);
    }

    @Test
    void reverseTableOrderOnePerSuperBlockLocalWritableOnly() throws Exception {
        assertThat(freezer(List.of()).candidates())
                .containsExactly("/home", "/scratch/b", "/scratch/a", "/data/image mnt", "/data", "/");
    }

    @Test
    void excludedFileSystemsAreGlobsOverTheWholeMountPoint() throws Exception {
        assertThat(freezer(List.of("/scratch/*", "/hom?")).candidates())
                .containsExactly("/data/image mnt", "/data", "/");
        assertThat(freezer(List.of("/data")).candidates())
                .as("no prefix matching; /srv is another mount of /data's file system, so it is left out too")
                .containsExactly("/home", "/scratch/b", "/scratch/a", "/data/image mnt", "/");
        assertThat(freezer(List.of("/d.*")).candidates())
                .as("regex characters are literal")
                .contains("/data");
    }

    @Test
    void mountinfoFieldsAndEscapesAreParsed() {
        List<MountEntry> m = MountEntry.parse(MOUNTINFO);
        assertThat(m).hasSize(16);
        assertThat(m.get(5)).isEqualTo(new MountEntry("7:0", "/data/image mnt", "ext4", "/dev/loop0", false));
        assertThat(m.get(10).readOnly()).isTrue();
        assertThat(MountEntry.unescape("a\\134b\\011c\\012")).isEqualTo("a\\b\tc\n");
    }

    @Test
    void theLiveMountTableParses() throws Exception {
        // every line of this process's table is an entry ("/" itself is not visible in a chroot)
        // (one read: other processes mount and unmount meanwhile)
        java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/mountinfo"));
        assertThat(MountEntry.parse(lines))
                .isNotEmpty()
                .hasSize((int) lines.stream().filter(l -> !l.isBlank()).count())
                .allSatisfy(e -> assertThat(e.mountPoint()).startsWith("/"));
    }
}
