package io.github.guesttools.toolbox.files;

import io.github.guesttools.identity.Account;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The user's temporary directory, as open-vm-tools keeps it: {@code <base>/vmware-<user>}, mode
 * 0700, created by the user. In a shared base such as {@code /tmp} another account may have planted
 * that name (a symlink, or a directory it owns or can write); then a fresh randomly named
 * {@code vmware-<user>-*} directory is used instead. Must run with the user's rights.
 */
final class UserTempDirectory {
    private UserTempDirectory() {}

    static Path of(Account user, Path base) throws IOException {
        Path dir = base.resolve("vmware-" + user.name());
        try {
            Files.createDirectory(dir, CreateDirectoryHandler.MODE_0700);
            return dir;
        } catch (FileAlreadyExistsException e) {
            if (isSafe(dir, user)) {
                return dir;
            }
        }
        return Files.createTempDirectory(base, "vmware-" + user.name() + "-", CreateDirectoryHandler.MODE_0700);
    }

    private static boolean isSafe(Path dir, Account user) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int owner = (int) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return a.isDirectory()
                && !a.isSymbolicLink()
                && owner == user.uid()
                && a.permissions().stream()
                        .noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))
                && a.permissions().contains(PosixFilePermission.OWNER_WRITE);
    }
}
