package io.github.guesttools.rpc.vmbackup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The quiesce manifest open-vm-tools writes after a real freeze ({@code docs/protocols/vmbackup.md}
 * §9.3): which tools version froze and with which provider. Written to a temporary file in the same
 * directory and renamed over the final name, so a reader never sees half a file and a symbolic link
 * planted at the final name is replaced, never followed.
 */
final class QuiesceManifest {
    /** open-vm-tools' location: its configuration directory. */
    static final Path DEFAULT_PATH = Path.of("/etc/vmware-tools/quiesce_manifest.xml");
    /** The provider name of the {@code FIFREEZE} freezer. */
    static final String PROVIDER = "fifreeze";
    /** {@code tools.set.version} of guest-managed tools, the version the agent announces. */
    static final long PRODUCT_VERSION = 2147483647L;

    private QuiesceManifest() {}

    /** The document, in open-vm-tools' layout. */
    static String xml() {
        return "<quiesceManifest>\n"
                + "   <productVersion>" + PRODUCT_VERSION + "</productVersion>\n"
                + "   <providerName>" + PROVIDER + "</providerName>\n"
                + "</quiesceManifest>\n";
    }

    /** Writes the manifest to {@code path} (mode 0644), replacing whatever is there. */
    static void write(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createTempFile opens with O_CREAT|O_EXCL under a random name: nothing planted is followed
        Path tmp = Files.createTempFile(
                dir,
                ".quiesce_manifest",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(xml().getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                // rename(2) replaces a link at the final name itself, never its target
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename into " + path, e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
