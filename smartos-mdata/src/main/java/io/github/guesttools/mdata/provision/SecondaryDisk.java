package io.github.guesttools.mdata.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format-secondary-disk} (opt-in): partitions, formats and mounts the secondary disk on
 * {@code /data}, as the old guest tools did with a hard-coded {@code /dev/vdb}. By default it only
 * prints the plan; the disk must exist, be unpartitioned and the device is configurable.
 */
public final class SecondaryDisk implements ProvisionTask {
    private final String device;
    private final boolean enabled;

    /** A task for {@code device} (e.g. {@code /dev/vdb}); commands run only when {@code enabled}. */
    public SecondaryDisk(String device, boolean enabled) {
        if (!device.matches("/dev/[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("not a whole-disk device path: " + device);
        }
        this.device = device;
        this.enabled = enabled;
    }

    @Override
    public String name() {
        return "format-secondary-disk";
    }

    @Override
    public void run(ProvisionContext ctx) throws IOException {
        List<List<String>> plan = plan(ctx);
        if (plan.isEmpty()) {
            return;
        }
        for (List<String> cmd : plan) {
            if (enabled && ctx.live()) {
                int status = Commands.run(ctx.root(), cmd);
                if (status != 0) {
                    ctx.log().warn(String.join(" ", cmd) + " failed with exit status " + status + ": stopped");
                    return;
                }
            } else {
                ctx.log().info("plan: " + String.join(" ", cmd));
            }
        }
        if (!enabled || !ctx.live()) {
            ctx.log().info("dry run: pass --enable on a live system to format " + device);
        }
    }

    /** The commands, or none when the disk is absent or already partitioned. */
    List<List<String>> plan(ProvisionContext ctx) throws IOException {
        String name = device.substring("/dev/".length());
        Path sys = ctx.path("/sys/block/" + name);
        if (!Files.isDirectory(sys)) {
            ctx.log().info(device + " not present: nothing to do");
            return List.of();
        }
        if (Files.exists(sys.resolve(name + "1")) || Files.exists(sys.resolve(name + "p1"))) {
            ctx.log().info(device + " already has a partition: left alone");
            return List.of();
        }
        long sectors = Long.parseLong(Files.readString(sys.resolve("size")).strip());
        long bytes = sectors * 512;
        String part = device + (Character.isDigit(name.charAt(name.length() - 1)) ? "p1" : "1");
        List<List<String>> plan = new ArrayList<>();
        plan.add(List.of("parted", "-s", device, "mklabel", "gpt"));
        plan.add(List.of("parted", "-s", "-a", "optimal", device, "mkpart", "primary", "ext4", "1MiB", "100%"));
        plan.add(List.of("udevadm", "settle"));
        plan.add(List.of("mkfs.ext4", "-L", "data", part));
        plan.add(List.of("tune2fs", "-m", reservedPercent(bytes), "-c", "0", "-i", "6m", part));
        plan.add(List.of("mkdir", "-p", "/data"));
        plan.add(List.of(
                "sh",
                "-c",
                "grep -q '^LABEL=data ' /etc/fstab || "
                        + "printf 'LABEL=data\\t/data\\text4\\tdefaults\\t0 0\\n' >> /etc/fstab"));
        plan.add(List.of("mount", "/data"));
        return plan;
    }

    /** The old script's reserved-blocks table: less reserve on bigger disks. */
    static String reservedPercent(long bytes) {
        long gib = 1L << 30;
        if (bytes <= 15 * gib) {
            return "0.5";
        }
        if (bytes <= 30 * gib) {
            return "0.25";
        }
        if (bytes <= 100 * gib) {
            return "0.1";
        }
        if (bytes <= 200 * gib) {
            return "0.05";
        }
        return "0.02";
    }
}
