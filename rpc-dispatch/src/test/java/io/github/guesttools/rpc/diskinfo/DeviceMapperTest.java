package io.github.guesttools.rpc.diskinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sysfs walk of {@code guest-info-disks.md} §5 on real directory trees with real relative links, laid
 * out as the kernel lays out one VMware VM with every controller type.
 */
class DeviceMapperTest {
    private static final String PVSCSI = "pci0000:00/0000:00:15.0/0000:03:00.0";
    private static final String LSI = "pci0000:00/0000:00:10.0";
    private static final String SAS = "pci0000:00/0000:00:16.0/0000:0b:00.0";
    private static final String AHCI = "pci0000:00/0000:00:11.0/0000:02:03.0";
    private static final String PIIX = "pci0000:00/0000:00:07.1";
    private static final String NVME = "pci0000:00/0000:00:17.0/0000:13:00.0";
    private static final String VIRTIO = "pci0000:00/0000:00:04.0";

    /** The mount table of that VM. */
    static final String TABLE = String.join(
            "\n",
            "26 1 253:0 / / rw,relatime shared:1 - ext4 /dev/mapper/vg-root rw",
            "27 26 8:1 / /boot rw,relatime shared:2 - ext2 /dev/sda1 rw",
            "28 26 8:32 / /srv/lsi rw,relatime shared:3 - xfs /dev/sdc rw",
            "29 26 8:48 / /srv/sas rw,relatime shared:4 - xfs /dev/sdd rw",
            "30 26 8:64 / /srv/sata rw,relatime shared:5 - ext4 /dev/sde rw",
            "31 26 8:81 / /srv/ide rw,relatime shared:6 - ext4 /dev/sdf1 rw",
            "32 26 259:1 / /srv/nvme rw,relatime shared:7 - ext4 /dev/nvme0n1p1 rw",
            "33 26 8:96 / /srv/early rw,relatime shared:8 - ext4 /dev/root rw",
            "34 26 253:2 / /srv/mixed rw,relatime shared:9 - ext4 /dev/mapper/vg-mixed rw",
            "35 26 254:0 / /srv/virtio rw,relatime shared:10 - ext4 /dev/vda rw",
            "36 26 0:50 / /tank rw,relatime shared:11 - zfs tank/data rw",
            "");

    @TempDir
    Path root;

    private SysfsTree tree;

    @BeforeEach
    void vm() {
        tree = new SysfsTree(root)
                // pvscsi, firmware label "SCSI1": targets 0, 1, 2
                .pci(PVSCSI, "0x010700", "SCSI1")
                .disk(PVSCSI + "/host2/target2:0:0/2:0:0:0", "sda", "8:0", "sda1", "sda2")
                .disk(PVSCSI + "/host2/target2:0:1/2:0:1:0", "sdb", "8:16", "sdb1")
                .disk(PVSCSI + "/host2/target2:0:2/2:0:2:0", "sdg", "8:96")
                // LSI Logic parallel: no label, at 0000:00:10.0
                .pci(LSI, "0x010000", null)
                .disk(LSI + "/host0/target0:0:3/0:0:3:0", "sdc", "8:32")
                // LSI Logic SAS: the unit is the port's phy (3), not the target (0)
                .pci(SAS, "0x010700", "scsi2")
                .dir(SAS + "/host4/phy-4:3")
                .dir(SAS + "/host4/port-4:1/phy-4:3")
                .dir(SAS + "/host4/port-4:1/sas_port/port-4:1")
                .disk(SAS + "/host4/port-4:1/end_device-4:1/target4:0:0/4:0:0:0", "sdd", "8:48")
                // AHCI: ports ata1, ata2, ata3 (ours), ata4: the third port
                .pci(AHCI, "0x010601", "sata0")
                .dir(AHCI + "/ata1")
                .dir(AHCI + "/ata2")
                .dir(AHCI + "/ata4")
                .disk(AHCI + "/ata3/host7/target7:0:0/7:0:0:0", "sde", "8:64")
                // PIIX IDE: second channel (ata6 after ata5), slave (target 1)
                .pci(PIIX, "0x01018a", null)
                .dir(PIIX + "/ata5")
                .disk(PIIX + "/ata6/host9/target9:0:1/9:0:1:0", "sdf", "8:80", "sdf1")
                // NVMe: namespaces 1 and 2
                .pci(NVME, "0x010802", "nvme0")
                .disk(NVME + "/nvme/nvme0", "nvme0n1", "259:0", "nvme0n1p1")
                .disk(NVME + "/nvme/nvme0", "nvme0n2", "259:2")
                // virtio-blk: not a VMware disk
                .pci(VIRTIO, "0x010000", null)
                .disk(VIRTIO + "/virtio1", "vda", "254:0")
                // LVM: root over a pvscsi partition and an NVMe namespace; "mixed" over a virtio disk too
                .dm(0, "253:0", "vg-root", "sda2", "nvme0n2")
                .dm(2, "253:2", "vg-mixed", "sdb1", "vda")
                .node("sda1")
                .node("vda");
    }

    private List<String> devicesOf(String mountPoint) {
        MountEntry m = MountInfoParser.parse(TABLE).stream()
                .filter(e -> e.mountPoint().equals(mountPoint))
                .findFirst()
                .orElseThrow();
        return tree.mapper().devices(m);
    }

    @Test
    void pvscsiDiskAndPartitionUseTheLabelAndTheTarget() {
        assertThat(devicesOf("/boot")).containsExactly("scsi1:0");
        assertThat(tree.mapper().blockDevice(tree.sys.resolve("class/block/sdb")))
                .contains("scsi1:1");
    }

    @Test
    void theFirstLsiLogicAdapterHasNoLabelAndIsScsi0() {
        assertThat(devicesOf("/srv/lsi")).containsExactly("scsi0:3");
    }

    @Test
    void sasTakesTheUnitFromThePortsPhy() {
        assertThat(devicesOf("/srv/sas")).containsExactly("scsi2:3");
    }

    @Test
    void sataCountsTheLowerPortsOfItsController() {
        assertThat(devicesOf("/srv/sata")).containsExactly("sata0:2");
    }

    @Test
    void ideIsChannelAndTargetWithoutALabel() {
        assertThat(devicesOf("/srv/ide")).containsExactly("ide1:1");
    }

    @Test
    void nvmeIsTheNamespaceMinusOne() throws IOException {
        assertThat(devicesOf("/srv/nvme")).containsExactly("nvme0:0");
        assertThat(tree.mapper().blockDevice(tree.sys.resolve("class/block/nvme0n2")))
                .contains("nvme0:1");
        // older kernels have no nsid file: the namespace comes from the node's name
        Files.delete(tree.sys.resolve("class/block/nvme0n2/nsid"));
        assertThat(tree.mapper().blockDevice(tree.sys.resolve("class/block/nvme0n2")))
                .contains("nvme0:1");
    }

    @Test
    void lvmListsEverySlaveInNameOrder() {
        assertThat(devicesOf("/")).containsExactly("nvme0:1", "scsi1:0");
    }

    @Test
    void lvmWithOneSlaveThatCannotBeMappedReportsNone() {
        assertThat(devicesOf("/srv/mixed")).isEmpty();
    }

    @Test
    void devRootIsFoundThroughItsMajorMinor() {
        assertThat(devicesOf("/srv/early")).containsExactly("scsi1:2");
    }

    @Test
    void virtioAndZfsHaveNoDevices() {
        assertThat(devicesOf("/srv/virtio")).isEmpty();
        assertThat(devicesOf("/tank")).isEmpty();
    }

    @Test
    void labelsThatAreNotAControllerNameAreNotReported() throws IOException {
        Path label = tree.sys.resolve("devices").resolve(PVSCSI).resolve("label");
        Files.writeString(label, "Slot 7 \"x\"\n");
        assertThat(devicesOf("/boot")).isEmpty();
        Files.writeString(label, "scsi123456789012\n"); // longer than the VMX's 14 characters
        assertThat(devicesOf("/boot")).isEmpty();
        Files.write(label, new byte[] {'s', 'c', 's', 'i', '1', 0, '\n'});
        assertThat(devicesOf("/boot")).isEmpty();
    }

    @Test
    void anOldIdeLayoutWithHostNodesCountsHosts() throws IOException {
        SysfsTree old = new SysfsTree(root.resolve("old"))
                .pci(PIIX, "0x01018a", null)
                .dir(PIIX + "/host0")
                .disk(PIIX + "/host1/target1:0:0/1:0:0:0", "hda", "3:0", "hda1");
        assertThat(old.mapper().blockDevice(old.sys.resolve("class/block/hda1")))
                .contains("ide1:0");
    }

    @Test
    void goldenJsonWithDevices() throws IOException {
        DiskCollector c = DiskCollector.builder()
                .mountTable(() -> TABLE)
                .space(mountPoint -> new DiskSpace(2000, 1000, 1100))
                .devices(tree.mapper())
                .build();
        String json = new String(DiskInfoEncoder.json(c.collect()), StandardCharsets.UTF_8);
        String rest = "\"free\":\"1000\",\"size\":\"2000\",\"fstype\":";
        assertThat(json)
                .isEqualTo("SetGuestDiskInfo {\n\"version\":\"1\",\n\"disks\":[\n"
                        + "{\"name\":\"Lw==\"," + rest + "\"ext4\",\"devices\":[\"nvme0:1\",\"scsi1:0\"]},\n"
                        + "{\"name\":\"L2Jvb3Q=\"," + rest + "\"ext2\",\"devices\":[\"scsi1:0\"]},\n"
                        + "{\"name\":\"L3Nydi9sc2k=\"," + rest + "\"xfs\",\"devices\":[\"scsi0:3\"]},\n"
                        + "{\"name\":\"L3Nydi9zYXM=\"," + rest + "\"xfs\",\"devices\":[\"scsi2:3\"]},\n"
                        + "{\"name\":\"L3Nydi9zYXRh\"," + rest + "\"ext4\",\"devices\":[\"sata0:2\"]},\n"
                        + "{\"name\":\"L3Nydi9pZGU=\"," + rest + "\"ext4\",\"devices\":[\"ide1:1\"]},\n"
                        + "{\"name\":\"L3Nydi9udm1l\"," + rest + "\"ext4\",\"devices\":[\"nvme0:0\"]},\n"
                        + "{\"name\":\"L3Nydi9lYXJseQ==\"," + rest + "\"ext4\",\"devices\":[\"scsi1:2\"]},\n"
                        + "{\"name\":\"L3Nydi9taXhlZA==\"," + rest + "\"ext4\"},\n"
                        + "{\"name\":\"L3Nydi92aXJ0aW8=\"," + rest + "\"ext4\"},\n"
                        + "{\"name\":\"L3Rhbms=\"," + rest + "\"zfs\"}\n"
                        + "]}\0");
        assertThat(DiskCollector.builder()
                        .mountTable(() -> TABLE)
                        .space(mountPoint -> new DiskSpace(2000, 1000, 1100))
                        .devices(null)
                        .build()
                        .collect())
                .as("[guestinfo] diskinfo-report-device=false")
                .allMatch(d -> d.devices().isEmpty());
    }
}
