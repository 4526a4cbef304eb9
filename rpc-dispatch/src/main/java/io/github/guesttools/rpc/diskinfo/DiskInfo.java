package io.github.guesttools.rpc.diskinfo;

import java.util.List;
import java.util.Objects;

/**
 * One reported file system.
 *
 * @param mountPoint where it is mounted
 * @param free free bytes (available to unprivileged users unless configured otherwise)
 * @param size total bytes
 * @param fsType the file-system type; empty when unknown (then not sent)
 * @param devices the virtual disks behind it, e.g. {@code scsi0:0}; empty when unknown (then not sent)
 */
public record DiskInfo(String mountPoint, long free, long size, String fsType, List<String> devices) {
    public DiskInfo {
        Objects.requireNonNull(mountPoint);
        Objects.requireNonNull(fsType);
        devices = List.copyOf(devices);
        if (free < 0 || size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }
}
