package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.internal.atomicfile.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code run-user-script}: saves {@code user-script} to {@code /var/tmp/user-script} and runs it
 * once, guarded by {@code /var/tmp/user-script.lock} as the guest-tools script does. The lock
 * records the instance ({@code sdc:uuid}), so an image made from a provisioned machine runs its
 * new instance's script again. {@code run_userscript_flag=true} forces a run. Only a live run
 * ({@code --live}) runs it: otherwise the root is not the running system, and the script, run here,
 * would act on this machine instead; it is saved, and no lock is written.
 */
public final class UserScript implements ProvisionTask {
    static final String SCRIPT = "/var/tmp/user-script";
    static final String LOCK = "/var/tmp/user-script.lock";

    @Override
    public String name() {
        return "run-user-script";
    }

    @Override
    public void run(ProvisionContext ctx) throws IOException, MetadataException {
        Path lock = ctx.path(LOCK);
        boolean force = ctx.metadata()
                .find("run_userscript_flag")
                .map(v -> v.trim().toLowerCase(Locale.ROOT).equals("true"))
                .orElse(false);
        if (force) {
            Files.deleteIfExists(lock);
        }
        Optional<String> script = ctx.metadata().find("user-script");
        if (script.isEmpty()) {
            ctx.log().info("no user-script in metadata");
            return;
        }
        String instance = ctx.metadata().find("sdc:uuid").orElse("").trim();
        Path file = ctx.path(SCRIPT);
        Files.createDirectories(file.getParent());
        AtomicFile.write(
                file,
                script.get().getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rwx------"),
                -1,
                -1);
        if (Files.exists(lock)) {
            String ranFor = Files.readString(lock).trim();
            if (ranFor.isEmpty() || ranFor.equals(instance)) {
                ctx.log().info("user-script already ran for this instance (" + LOCK + ")");
                return;
            }
            ctx.log().info("user-script ran for instance " + ranFor + ", this is " + instance + ": running again");
        }
        if (!ctx.live()) {
            ctx.log().info("not live: user-script saved to " + SCRIPT + ", not run (triton-guest --live runs it)");
            return;
        }
        // The lock is written before the run, as the original touches it first: a script that
        // reboots the machine must not run again on the next boot.
        AtomicFile.write(
                lock,
                (instance + "\n").getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"),
                -1,
                -1);
        ctx.log().info("running user-script");
        int status = Commands.runScript(ctx.root(), file, 24);
        if (status == 0) {
            ctx.log().info("user-script finished");
        } else {
            ctx.log().warn("user-script failed with exit status " + status);
        }
    }
}
