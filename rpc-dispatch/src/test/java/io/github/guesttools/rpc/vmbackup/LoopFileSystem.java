package io.github.guesttools.rpc.vmbackup;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real ext4 file system in an image file, loop-mounted at a unique directory; root only. */
final class LoopFileSystem implements AutoCloseable {
    final Path image;
    final Path mountPoint;

    private LoopFileSystem(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /** Creates {@code image} (16 MiB), formats it and mounts it at {@code mountPoint} (created). */
    static LoopFileSystem create(Path image, Path mountPoint) throws IOException, InterruptedException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        run("mkfs.ext4", "-q", "-F", image.toString());
        Files.createDirectories(mountPoint);
        run("mount", "-o", "loop", image.toString(), mountPoint.toString());
        return new LoopFileSystem(image, mountPoint);
    }

    /** Why the root tests cannot run here, or null when they can. */
    static String unavailable() {
        if (io.github.guesttools.rpc.internal.fsfreeze.FreezeCalls.geteuid() != 0) {
            return "not root: FIFREEZE and mount need CAP_SYS_ADMIN";
        }
        for (String tool : List.of("mkfs.ext4", "mount", "umount", "losetup")) {
            if (!onPath(tool)) {
                return tool + " not found";
            }
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String d : List.of("/sbin", "/usr/sbin", "/bin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Thaws (harmless when not frozen), unmounts and detaches the loop device, whatever happened before. */
    @Override
    public void close() throws IOException, InterruptedException {
        quiet("fsfreeze", "-u", mountPoint.toString());
        if (quiet("umount", mountPoint.toString()) != 0) {
            quiet("umount", "-l", mountPoint.toString());
        }
        Process p = new ProcessBuilder("losetup", "-j", image.toString())
                .redirectErrorStream(true)
                .start();
        List<String> devices = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                devices.add(line.substring(0, colon));
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        for (String dev : devices) {
            quiet("losetup", "-d", dev);
        }
    }

    static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
    }

    private static int quiet(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
