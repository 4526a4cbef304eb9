package io.github.guesttools.rpc.diskinfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the virtual disks behind a mounted file system as the VMX knows them ({@code scsi0:1},
 * {@code sata0:2}, {@code nvme0:0}, {@code ide1:0}), by walking sysfs the way open-vm-tools does
 * ({@code guest-info-disks.md} §5): device-mapper slaves each mapped, otherwise the block device of the
 * mount source (or of its {@code major:minor}), then its {@code device} link to the SCSI
 * host:channel:target:LUN or NVMe controller, and the controller's PCI function ({@code class},
 * {@code label}). When any disk of a file system cannot be named, none is reported.
 *
 * <p>The sysfs and {@code /dev} roots are parameters so that tests build real trees of directories and
 * relative symbolic links; sysfs resolves {@code ..} after a link, as the kernel does here.
 */
public final class DeviceMapper {
    /** A file system over more disks than this reports none (bounded work per cycle). */
    public static final int MAX_DEVICES = 64;
    /** {@code DISK_DEVICE_NAME_SIZE} minus the NUL. */
    static final int MAX_NAME = 14;

    private static final int PCI_SUBCLASS = 0xFFFF00;
    private static final int PCI_IDE = 0x010100;
    private static final int PCI_SATA_AHCI = 0x010601;
    /** The first LSI Logic/BusLogic adapter has no {@code label}; VMware puts it here. */
    private static final String PCI_FIRST_SCSI = "/0000:00:10.0";

    private static final Pattern HCTL = Pattern.compile(".*/\\d+:\\d+:(\\d+):\\d+");
    private static final Pattern NVME_CONTROLLER = Pattern.compile(".*/nvme\\d+");
    private static final Pattern NVME_NAMESPACE = Pattern.compile(".*/nvme\\d+n(\\d+)");
    private static final Pattern ATA_PATH = Pattern.compile(".*/ata(\\d+)");
    private static final Pattern HOST_PATH = Pattern.compile(".*/host(\\d+)");
    private static final Pattern SAS_PHY = Pattern.compile("phy-\\d+:(\\d+)");
    private static final Pattern LABEL = Pattern.compile("[a-z]+\\d+");
    /** What a device name looks like; anything else is not reported. */
    public static final Pattern NAME = Pattern.compile("[a-z]+\\d+:\\d+");

    private final Path classBlock;
    private final Path devBlock;
    private final Path dev;

    /**
     * @param sys where sysfs is mounted ({@code /sys})
     * @param dev the device directory ({@code /dev}), to resolve {@code /dev/mapper/…} links
     */
    public DeviceMapper(Path sys, Path dev) {
        this.classBlock = sys.resolve("class/block");
        this.devBlock = sys.resolve("dev/block");
        this.dev = Objects.requireNonNull(dev);
    }

    /** The running kernel's {@code /sys} and {@code /dev}. */
    public static DeviceMapper system() {
        return new DeviceMapper(Path.of("/sys"), Path.of("/dev"));
    }

    /** The virtual disks holding {@code mount}'s file system; empty when unknown or not all known. */
    public List<String> devices(MountEntry mount) {
        if (mount.fsType().equals("zfs")) {
            return List.of(); // the source is a pool name
        }
        Optional<List<String>> slaves = slaves(mount.source());
        if (slaves.isPresent()) {
            return slaves.get();
        }
        String source = mount.source();
        int slash = source.lastIndexOf('/');
        if (slash < 0 || slash == source.length() - 1) {
            return List.of();
        }
        Optional<String> name = blockDevice(classBlock.resolve(source.substring(slash + 1)));
        if (name.isEmpty() && mount.device().matches("\\d+:\\d+")) {
            // e.g. /dev/root, which is not in /sys/class/block
            name = blockDevice(devBlock.resolve(mount.device()));
        }
        return name.map(List::of).orElse(List.of());
    }

    /** Present when the source is a device-mapper (or md) device with slaves: all of them named, or none. */
    private Optional<List<String>> slaves(String source) {
        if (!source.startsWith("/dev/")) {
            return Optional.empty();
        }
        Path real;
        try {
            real = dev.resolve(source.substring("/dev/".length())).toRealPath();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Path slaves = classBlock.resolve(real.getFileName().toString()).resolve("slaves");
        if (!Files.isDirectory(slaves)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(slaves)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
                if (names.size() > MAX_DEVICES) {
                    return Optional.of(List.of());
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of(List.of()); // looks like LVM but cannot be listed: no partial answer
        }
        if (names.isEmpty()) {
            return Optional.empty(); // a plain disk has an empty slaves directory
        }
        names.sort(null); // readdir order is arbitrary; a stable list keeps the report unchanged
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Optional<String> d = blockDevice(slaves.resolve(n));
            if (d.isEmpty()) {
                return Optional.of(List.of());
            }
            out.add(d.get());
        }
        return Optional.of(List.copyOf(out));
    }

    /** One block device's sysfs directory (a whole disk or a partition) to its virtual disk name. */
    Optional<String> blockDevice(Path start) {
        try {
            Path device = start.resolve("device");
            if (!Files.exists(device)) {
                device = start.resolve("..").resolve("device"); // a partition: its disk has the link
                if (!Files.exists(device)) {
                    return Optional.empty();
                }
            }
            String real = device.toRealPath().toString();
            Matcher hctl = HCTL.matcher(real);
            if (hctl.matches()) {
                return scsi(device, hctl.group(1));
            }
            if (NVME_CONTROLLER.matcher(real).matches()) {
                return nvme(device);
            }
            return Optional.empty(); // virtio-blk, Xen, MMC…: not a VMware virtual disk
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<String> scsi(Path device, String target) throws IOException {
        String unit = target;
        Path host = device.resolve("..").resolve("..");
        Path pci = host.resolve("..");
        if (Files.isDirectory(pci.resolve("sas_port"))) {
            // LSI Logic SAS: the unit is the phy of the port; the PCI function is two levels further up
            unit = firstPhy(pci);
            if (unit == null) {
                return Optional.empty();
            }
            host = pci.resolve("..");
            pci = host.resolve("..");
        }
        int pciClass;
        if (Files.exists(pci.resolve("class"))) {
            pciClass = readClass(pci.resolve("class"));
        } else if (Files.exists(pci.resolve("..").resolve("class"))) {
            // libata: the ataN node sits between the PCI function and the SCSI host
            pci = pci.resolve("..");
            host = host.resolve("..");
            pciClass = readClass(pci.resolve("class"));
        } else {
            return Optional.empty();
        }
        boolean ide = (pciClass & PCI_SUBCLASS) == PCI_IDE;
        if (ide || pciClass == PCI_SATA_AHCI) {
            int index = portIndex(host, pci);
            if (index < 0) {
                return Optional.empty();
            }
            if (ide) {
                return checked("ide" + index + ":" + unit);
            }
            unit = Integer.toString(index);
        }
        return named(pci, unit);
    }

    private Optional<String> nvme(Path device) throws IOException {
        Path namespace = device.getParent(); // the directory holding the link, not the link's parent
        Path nsidFile = namespace.resolve("nsid");
        long nsid;
        if (Files.exists(nsidFile)) {
            nsid = parse(read(nsidFile).strip(), 10);
        } else {
            // older kernels: the namespace is the number after "n" in the node name
            Matcher m = NVME_NAMESPACE.matcher(namespace.toRealPath().toString());
            if (!m.matches()) {
                return Optional.empty();
            }
            nsid = parse(m.group(1), 10);
        }
        if (nsid < 1) {
            return Optional.empty();
        }
        return named(device.resolve("..").resolve(".."), Long.toString(nsid - 1));
    }

    /** {@code <label>:<unit>} from the controller's PCI function. */
    private Optional<String> named(Path pci, String unit) throws IOException {
        String label;
        try {
            label = read(pci.resolve("label")).strip().toLowerCase(Locale.ROOT);
        } catch (NoSuchFileException e) {
            if (pci.toRealPath().toString().endsWith(PCI_FIRST_SCSI)) {
                return checked("scsi0:" + unit);
            }
            return Optional.empty();
        }
        if (!LABEL.matcher(label).matches()) {
            return Optional.empty();
        }
        return checked(label + ":" + unit);
    }

    private static Optional<String> checked(String name) {
        return name.length() <= MAX_NAME && NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** The phy number of a SAS port: the first {@code phy-H:N} entry, in name order. */
    private static String firstPhy(Path port) throws IOException {
        List<String> phys = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(port)) {
            for (Path p : entries) {
                Matcher m = SAS_PHY.matcher(p.getFileName().toString());
                if (m.matches()) {
                    phys.add(m.group(1));
                }
            }
        }
        phys.sort(null);
        return phys.isEmpty() ? null : phys.get(0);
    }

    /**
     * The IDE channel or SATA port: how many {@code ataM} (or, on old kernels, {@code hostM}) siblings
     * under the controller have M below the disk's own; -1 when the node is neither.
     */
    private static int portIndex(Path host, Path pci) throws IOException {
        String real = host.toRealPath().toString();
        Matcher m = ATA_PATH.matcher(real);
        String prefix = "ata";
        if (!m.matches()) {
            m = HOST_PATH.matcher(real);
            prefix = "host";
            if (!m.matches()) {
                return -1;
            }
        }
        long own = parse(m.group(1), 10);
        Pattern sibling = Pattern.compile(prefix + "(\\d+)");
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pci)) {
            for (Path p : entries) {
                Matcher s = sibling.matcher(p.getFileName().toString());
                if (s.matches() && parse(s.group(1), 10) < own) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int readClass(Path file) throws IOException {
        String s = read(file).strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        return (int) parse(s, 16);
    }

    /** The first line of a small sysfs attribute (at most 64 bytes are read). */
    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String s = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    private static long parse(String s, int radix) throws IOException {
        try {
            return Long.parseLong(s, radix);
        } catch (NumberFormatException e) {
            throw new IOException("not a number: " + s, e);
        }
    }
}
