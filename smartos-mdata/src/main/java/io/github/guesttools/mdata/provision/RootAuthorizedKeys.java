package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.internal.atomicfile.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code set-root-authorized-keys}: writes {@code root_authorized_keys} to
 * {@code /root/.ssh/authorized_keys} (0600 in a 0700 directory, owned by root) when the file is
 * missing, when {@code overwrite_root_akeys} is {@code overwrite}, or when provisioning wrote it
 * for another instance (the machine is an image of a provisioned one; {@link #MARKER} records
 * the instance). Every line is validated; invalid
 * keys are left out and reported, and nothing is written when no valid key remains.
 */
public final class RootAuthorizedKeys implements ProvisionTask {
    static final String FILE = "/root/.ssh/authorized_keys";
    /** Records the instance ({@code sdc:uuid}) the keys were written for. */
    static final String MARKER = "/var/lib/triton-guest/root-authorized-keys.instance";

    @Override
    public String name() {
        return "set-root-authorized-keys";
    }

    @Override
    public void run(ProvisionContext ctx) throws IOException, MetadataException {
        Path file = ctx.path(FILE);
        Path marker = ctx.path(MARKER);
        boolean overwrite = ctx.metadata()
                .find("overwrite_root_akeys")
                .map(v -> v.trim().toLowerCase(Locale.ROOT).equals("overwrite"))
                .orElse(false);
        String instance = ctx.metadata().find("sdc:uuid").orElse("").trim();
        String writtenFor = Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
                ? Files.readString(marker).trim()
                : null;
        boolean otherInstance = writtenFor != null && !writtenFor.equals(instance);
        Optional<String> keys = ctx.metadata().find("root_authorized_keys");
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !overwrite && !otherInstance) {
            ctx.log()
                    .info(FILE + (writtenFor != null ? " was written for this instance" : " exists")
                            + " and overwrite_root_akeys is not 'overwrite': left alone");
            return;
        }
        if (otherInstance) {
            // An image made from a provisioned machine: its keys are the old instance's, not ours.
            ctx.log()
                    .info(FILE + " was written for instance " + writtenFor + ", this is " + instance
                            + ": replaced by this instance's keys");
        }
        if (keys.isEmpty()) {
            if (otherInstance && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
                Files.delete(marker);
                ctx.log().warn("no root_authorized_keys in metadata: removed the keys of instance " + writtenFor);
                return;
            }
            ctx.log().info("no root_authorized_keys in metadata");
            return;
        }
        StringBuilder valid = new StringBuilder();
        int count = 0;
        int lineNo = 0;
        for (String line : keys.get().split("\r?\n")) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String problem = AuthorizedKeyLine.problem(trimmed);
            if (problem != null) {
                ctx.log().warn("root_authorized_keys line " + lineNo + " skipped: " + problem);
                continue;
            }
            valid.append(trimmed).append('\n');
            count++;
        }
        if (count == 0) {
            ctx.log().warn("root_authorized_keys holds no valid key: " + FILE + " not written");
            return;
        }
        Path dir = file.getParent();
        if (Files.isSymbolicLink(dir) || Files.isSymbolicLink(file)) {
            ctx.log().warn(dir + " or " + file + " is a symbolic link: not written");
            return;
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(dir, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
        AtomicFile.write(
                file,
                valid.toString().getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"),
                0,
                0);
        Files.createDirectories(marker.getParent());
        AtomicFile.write(
                marker,
                (instance + "\n").getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"),
                -1,
                -1);
        ctx.log().info("wrote " + count + " key(s) to " + FILE);
        if (ctx.live()) {
            Commands.runIfPresent(ctx, "restorecon", "-R", dir.toString());
        }
    }
}
