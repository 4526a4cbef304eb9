package io.github.guesttools.rpc.diskinfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real directory tree with real relative symbolic links laid out as the kernel lays out {@code /sys}
 * and {@code /dev} for one virtual machine's disks: {@code devices/…} holds the PCI functions, SCSI
 * hosts, targets and block devices; {@code class/block/<name>} and {@code dev/block/<maj:min>} link to
 * them, as do a disk's {@code device} link and a device-mapper volume's {@code slaves}.
 */
final class SysfsTree {
    final Path sys;
    final Path dev;

    SysfsTree(Path root) {
        this.sys = root.resolve("sys");
        this.dev = root.resolve("dev");
        mkdirs(sys.resolve("class/block"));
        mkdirs(sys.resolve("dev/block"));
        mkdirs(dev);
    }

    DeviceMapper mapper() {
        return new DeviceMapper(sys, dev);
    }

    /** A PCI function {@code devices/<path>} with a {@code class} file and, when not null, a {@code label}. */
    SysfsTree pci(String path, String pciClass, String label) {
        Path d = mkdirs(sys.resolve("devices").resolve(path));
        write(d.resolve("class"), pciClass + "\n");
        if (label != null) {
            write(d.resolve("label"), label + "\n");
        }
        write(d.resolve("vendor"), "0x15ad\n");
        return this;
    }

    /** A plain directory under {@code devices} (an {@code ataN}, a SAS phy, a {@code sas_port}). */
    SysfsTree dir(String path) {
        mkdirs(sys.resolve("devices").resolve(path));
        return this;
    }

    /**
     * A disk whose {@code device} link points at {@code devices/<parent>} (a SCSI {@code H:C:T:L} node,
     * an NVMe controller, a virtio device), with its block directory at {@code <parent>/block/<name>}
     * (or, for NVMe, {@code <parent>/<name>}), linked from {@code class/block} and {@code dev/block}, and
     * partitions {@code <name><suffix><n>} for each {@code maj:min} after the disk's own.
     */
    SysfsTree disk(String parent, String name, String majMin, String... partitions) {
        Path device = mkdirs(sys.resolve("devices").resolve(parent));
        Path block = name.startsWith("nvme")
                ? device.resolve(name)
                : device.resolve("block").resolve(name);
        mkdirs(block.resolve("slaves"));
        if (name.startsWith("nvme")) {
            // the namespace node sits under its controller; older kernels have no nsid file
            write(block.resolve("nsid"), name.substring(name.lastIndexOf('n') + 1) + "\n");
        }
        link(block.resolve("device"), device);
        register(name, majMin, block);
        String suffix = name.startsWith("nvme") ? "p" : "";
        int major = Integer.parseInt(majMin.split(":")[0]);
        int minor = Integer.parseInt(majMin.split(":")[1]);
        for (int i = 0; i < partitions.length; i++) {
            String part = name + suffix + (i + 1);
            Path p = mkdirs(block.resolve(part));
            write(p.resolve("partition"), (i + 1) + "\n");
            register(part, major + ":" + (minor + i + 1), p);
        }
        return this;
    }

    /** A device-mapper volume {@code dm-<n>} over {@code slaves} (names in {@code class/block}), linked from {@code /dev/mapper/<alias>}. */
    SysfsTree dm(int n, String majMin, String alias, String... slaves) {
        String name = "dm-" + n;
        Path block = mkdirs(sys.resolve("devices/virtual/block").resolve(name).resolve("slaves"))
                .getParent();
        for (String s : slaves) {
            link(
                    block.resolve("slaves").resolve(s),
                    real(sys.resolve("class/block").resolve(s)));
        }
        register(name, majMin, block);
        write(dev.resolve(name), "");
        mkdirs(dev.resolve("mapper"));
        link(dev.resolve("mapper").resolve(alias), dev.resolve(name));
        return this;
    }

    /** A {@code /dev/<name>} node (a plain file stands in for the device node). */
    SysfsTree node(String name) {
        write(dev.resolve(name), "");
        return this;
    }

    private void register(String name, String majMin, Path block) {
        link(sys.resolve("class/block").resolve(name), block);
        link(sys.resolve("dev/block").resolve(majMin), block);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A relative link, as sysfs makes them. */
    private static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
