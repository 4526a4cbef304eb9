package io.github.guesttools.rpc.vmbackup;

import io.github.guesttools.rpc.internal.fsfreeze.FreezeCalls;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freeze/thaw scripts ({@code docs/protocols/vmbackup.md} §9): the legacy freeze script, then the
 * regular files directly inside the scripts directory by byte-wise name; thawing runs the directory's
 * scripts in reverse and ends with the legacy thaw script. Each runs as {@code <path> <op> [<arg>]},
 * executed directly (never through a shell), one at a time. A script (or its directory) that is not
 * owned by root or by the agent's user, or that is group- or world-writable, is refused.
 */
public final class FreezeScripts {
    private static final Logger LOG = LoggerFactory.getLogger(FreezeScripts.class);

    private final Path legacyFreeze;
    private final Path directory;
    private final Path legacyThaw;

    /**
     * @param legacyFreeze run first when freezing (absent is fine)
     * @param directory the scripts directory (absent is fine)
     * @param legacyThaw run last when thawing (absent is fine)
     */
    public FreezeScripts(Path legacyFreeze, Path directory, Path legacyThaw) {
        this.legacyFreeze = legacyFreeze;
        this.directory = directory;
        this.legacyThaw = legacyThaw;
    }

    /** {@code /usr/sbin/pre-freeze-script}, {@code /etc/vmware-tools/backupScripts.d/}, {@code /usr/sbin/post-thaw-script}. */
    public static FreezeScripts system() {
        return new FreezeScripts(
                Path.of("/usr/sbin/pre-freeze-script"),
                Path.of("/etc/vmware-tools/backupScripts.d"),
                Path.of("/usr/sbin/post-thaw-script"));
    }

    /** The scripts told {@code freeze}, in order. */
    List<Path> freezeOrder() {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(legacyFreeze, LinkOption.NOFOLLOW_LINKS)) {
            out.add(legacyFreeze);
        }
        out.addAll(directoryScripts());
        return out;
    }

    /** The scripts told {@code thaw}, in order. */
    List<Path> thawOrder() {
        List<Path> out = new ArrayList<>(directoryScripts());
        Collections.reverse(out);
        if (Files.isRegularFile(legacyThaw, LinkOption.NOFOLLOW_LINKS)) {
            out.add(legacyThaw);
        }
        return out;
    }

    private List<Path> directoryScripts() {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted((a, b) -> compareBytes(
                            a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", directory, e.toString());
            return List.of();
        }
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts one script with its argument vector; stdin empty, output discarded.
     *
     * @throws IOException when it is not trusted or cannot start
     */
    static Process start(Path script, String op, String arg) throws IOException {
        trusted(script);
        trusted(script.getParent());
        List<String> argv = new ArrayList<>(List.of(script.toString(), op));
        if (!arg.isEmpty()) {
            argv.add(arg);
        }
        return new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void trusted(Path p) throws IOException {
        int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (uid != 0 && uid != FreezeCalls.geteuid()) {
            throw new IOException(p + " is owned by uid " + uid + ", neither root nor the agent's user");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(p + " is group- or world-writable");
        }
    }
}
