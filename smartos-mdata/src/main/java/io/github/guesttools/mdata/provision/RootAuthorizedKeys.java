package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.atomicfile.AtomicFile;
import io.github.guesttools.mdata.client.MetadataException;
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
 * missing or {@code overwrite_root_akeys} is {@code overwrite}. Every line is validated; invalid
 * keys are left out and reported, and nothing is written when no valid key remains.
 */
public final class RootAuthorizedKeys implements ProvisionTask {
  static final String FILE = "/root/.ssh/authorized_keys";

  @Override
  public String name() {
    return "set-root-authorized-keys";
  }

  @Override
  public void run(ProvisionContext ctx) throws IOException, MetadataException {
    Path file = ctx.path(FILE);
    boolean overwrite = ctx.metadata().find("overwrite_root_akeys")
        .map(v -> v.trim().toLowerCase(Locale.ROOT).equals("overwrite")).orElse(false);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
      ctx.log().info(FILE + " exists and overwrite_root_akeys is not 'overwrite': left alone");
      return;
    }
    Optional<String> keys = ctx.metadata().find("root_authorized_keys");
    if (keys.isEmpty()) {
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
    AtomicFile.write(file, valid.toString().getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"), 0, 0);
    ctx.log().info("wrote " + count + " key(s) to " + FILE);
    if (ctx.live()) {
      Commands.runIfPresent(ctx, "restorecon", "-R", dir.toString());
    }
  }
}
