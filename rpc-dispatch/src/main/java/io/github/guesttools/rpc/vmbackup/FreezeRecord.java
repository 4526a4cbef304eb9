package io.github.guesttools.rpc.vmbackup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-recovery list of frozen mount points ({@code docs/protocols/vmbackup.md} §6.5): one
 * mount point a line, newline and backslash escaped as in mountinfo, each line forced to disk before
 * its {@code FIFREEZE}.
 */
final class FreezeRecord {
    private static final Logger LOG = LoggerFactory.getLogger(FreezeRecord.class);

    private final Path file;

    FreezeRecord(Path file) {
        this.file = file;
    }

    /** Appends a mount point; a failure is logged, not fatal (the freeze is still thawed by the other paths). */
    void append(String mountPoint) {
        String line = mountPoint.replace("\\", "\\134").replace("\n", "\\012") + "\n";
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
        } catch (IOException e) {
            LOG.warn("cannot record {} in {}: {}", mountPoint, file, e.toString());
        }
    }

    List<String> read() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    out.add(MountEntry.unescape(line));
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
            return List.of();
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
