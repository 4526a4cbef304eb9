package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code run-operator-script}: runs {@code sdc:operator-script} on every boot. The script is
 * written into a fresh directory of mode 0700 (not the predictable, world-writable
 * {@code /tmp/.operator-script} of the guest tools), and a non-zero exit status is reported as a
 * failure (the guest-tools script reports it the wrong way round). Only a live run
 * ({@code --live}) runs it: otherwise the root is not the running system, and the script would act
 * on this machine instead.
 */
public final class OperatorScript implements ProvisionTask {
    @Override
    public String name() {
        return "run-operator-script";
    }

    @Override
    public void run(ProvisionContext ctx) throws IOException, MetadataException {
        Optional<String> script = ctx.metadata().find("sdc:operator-script");
        if (script.isEmpty() || script.get().isEmpty()) {
            ctx.log().info("no sdc:operator-script in metadata");
            return;
        }
        if (!ctx.live()) {
            ctx.log().info("not live: sdc:operator-script not run (triton-guest --live runs it)");
            return;
        }
        Path base = ctx.path("/var/tmp");
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(
                base,
                "operator-script.",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path file = Files.createFile(
                    dir.resolve("operator-script"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.write(file, script.get().getBytes(StandardCharsets.UTF_8));
            ctx.log().info("running operator-script");
            int status = Commands.runScript(ctx.root(), file, 24);
            if (status == 0) {
                ctx.log().info("operator-script finished");
            } else {
                ctx.log().warn("operator-script failed with exit status " + status);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
