package io.github.guesttools.rpc.diskinfo;

import java.util.Objects;

/**
 * One line of {@code /proc/self/mountinfo}, with the octal escapes ({@code \040} …) decoded.
 *
 * @param device the {@code major:minor} of the file system
 * @param root the directory of the file system that is mounted here ({@code /} for a whole file system)
 * @param mountPoint where it is mounted
 * @param fsType the file-system type, e.g. {@code ext4}
 * @param source the mount source, e.g. {@code /dev/sda1}
 * @param superOptions the per-superblock options, e.g. {@code rw,subvol=/@home}
 */
public record MountEntry(
        String device, String root, String mountPoint, String fsType, String source, String superOptions) {
    public MountEntry {
        Objects.requireNonNull(device);
        Objects.requireNonNull(root);
        Objects.requireNonNull(mountPoint);
        Objects.requireNonNull(fsType);
        Objects.requireNonNull(source);
        Objects.requireNonNull(superOptions);
    }

    /**
     * Whether this mount shows a whole file system rather than a bind mount of a sub-directory: the root
     * is {@code /}, or, on btrfs, exactly the mounted subvolume (so {@code /} and {@code /home} on two
     * subvolumes are both kept).
     */
    public boolean wholeFileSystem() {
        if (root.equals("/")) {
            return true;
        }
        if (!fsType.equals("btrfs")) {
            return false;
        }
        for (String option : superOptions.split(",")) {
            if (option.equals("subvol=" + root)) {
                return true;
            }
        }
        return false;
    }
}
