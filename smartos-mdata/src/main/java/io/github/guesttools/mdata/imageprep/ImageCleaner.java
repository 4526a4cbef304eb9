package io.github.guesttools.mdata.imageprep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The clean-up of one root directory. Never follows a symbolic link: a path reached through one
 * (which under {@code --root} could point out of the image) is skipped with a warning, and links
 * met while removing a tree are removed themselves, not followed.
 */
final class ImageCleaner {
    /** Shell and tool histories removed from root's and every user's home. */
    static final List<String> HISTORIES = List.of(
            ".bash_history",
            ".ash_history",
            ".sh_history",
            ".zsh_history",
            ".history",
            ".python_history",
            ".lesshst",
            ".viminfo",
            ".mysql_history",
            ".psql_history",
            ".node_repl_history",
            ".wget-hsts");
    /** Login records that daemons expect to exist: emptied, keeping owner and mode. */
    private static final Set<String> KEPT_LOGS = Set.of("wtmp", "btmp", "lastlog", "faillog");

    private final Path root;
    private final boolean dryRun;
    private final PrintStream out;
    private int changes;
    private final List<String> warnings = new ArrayList<>();

    ImageCleaner(Path root, boolean dryRun, PrintStream out) {
        this.root = root;
        this.dryRun = dryRun;
        this.out = out;
    }

    /** Changes made (or, in a dry run, that would be made). */
    int changes() {
        return changes;
    }

    /** What the operator must look at. */
    List<String> warnings() {
        return warnings;
    }

    void run() throws IOException {
        removeMatching("/etc/ssh", n -> n.startsWith("ssh_host_"));
        remove("/root/.ssh/authorized_keys");
        empty("/etc/machine-id");
        removeRegular("/var/lib/dbus/machine-id"); // usually a link to /etc/machine-id: kept then
        cleanLogs("/var/log");
        List<String> homes = new ArrayList<>(List.of("/root"));
        Path home = path("/home");
        if (safe("/home") && Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> users = Files.newDirectoryStream(home)) {
                for (Path u : users) {
                    homes.add("/home/" + u.getFileName());
                }
            }
        }
        for (String h : homes) {
            for (String name : HISTORIES) {
                remove(h + "/" + name);
            }
        }
        Predicate<String> lease =
                n -> n.contains(".lease") || n.startsWith("lease-") || n.startsWith("dhclient") && n.contains("lease");
        for (String dir : List.of(
                "/var/lib/dhcp",
                "/var/lib/dhclient",
                "/var/lib/NetworkManager",
                "/var/lib/dhcpcd",
                "/var/db/dhcpcd",
                "/var/lib/wicked")) {
            removeMatching(dir, lease);
        }
        remove("/etc/udev/rules.d/70-persistent-net.rules");
        remove("/etc/udev/rules.d/75-persistent-net-generator.rules");
        removeContents("/var/lib/cloud");
        remove("/root/user-script");
        remove("/root/user-data");
        remove("/var/db/mdata-user-data");
        // Our own first boot: the user-script and its once-per-instance lock, the instance markers.
        remove("/var/tmp/user-script");
        remove("/var/tmp/user-script.lock");
        removeContents("/var/lib/triton-guest");
        checkRootPassword();
    }

    private Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** True when no directory between the root and {@code absolute} (inclusive) is a link. */
    private boolean safe(String absolute) {
        Path p = root;
        for (Path part : Path.of(absolute.substring(1))) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                warn(absolute + " is reached through the symbolic link " + p + ": skipped");
                return false;
            }
        }
        return true;
    }

    private void remove(String absolute) throws IOException {
        Path p = path(absolute);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && safeParent(absolute)) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                removeContents(absolute);
                act("removed", absolute + "/", () -> Files.delete(p));
            } else {
                act("removed", absolute, () -> Files.delete(p));
            }
        }
    }

    private void removeRegular(String absolute) throws IOException {
        if (Files.isRegularFile(path(absolute), LinkOption.NOFOLLOW_LINKS)) {
            remove(absolute);
        }
    }

    /** The parent chain must be link-free; the entry itself may be a link (removed, not followed). */
    private boolean safeParent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 || safe(absolute.substring(0, slash));
    }

    private void removeMatching(String dir, Predicate<String> name) throws IOException {
        Path d = path(dir);
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)
                || !safe(dir)
                || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
            for (Path e : entries) {
                String n = e.getFileName().toString();
                if (name.test(n) && !Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(n);
                }
            }
        }
        found.sort(null);
        for (String n : found) {
            remove(dir + "/" + n);
        }
    }

    /** Removes everything below {@code dir}, keeping {@code dir} itself. */
    private void removeContents(String dir) throws IOException {
        Path d = path(dir);
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)
                || !safe(dir)
                || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
            for (Path e : entries) {
                children.add(e.getFileName().toString());
            }
        }
        children.sort(null);
        for (String c : children) {
            remove(dir + "/" + c);
        }
    }

    private void empty(String absolute) throws IOException {
        Path p = path(absolute);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && safeParent(absolute) && Files.size(p) > 0) {
            act("emptied", absolute, () -> {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    ch.truncate(0);
                    ch.force(true);
                }
            });
        }
    }

    /** Removes log files, empties the login records, keeps directories and links. */
    private void cleanLogs(String dir) throws IOException {
        Path d = path(dir);
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)
                || !safe(dir)
                || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(d, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        for (Path f : files) {
            String absolute = "/" + root.relativize(f);
            if (KEPT_LOGS.contains(f.getFileName().toString())) {
                empty(absolute);
            } else {
                act("removed", absolute, () -> Files.delete(f));
            }
        }
    }

    /** Warns when root has a usable password in {@code /etc/shadow}: every instance would share it. */
    private void checkRootPassword() throws IOException {
        Path shadow = path("/etc/shadow");
        if (!Files.isRegularFile(shadow, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (String line : Files.readAllLines(shadow)) {
            String[] f = line.split(":", -1);
            if (f.length > 1 && f[0].equals("root")) {
                String hash = f[1];
                if (!hash.isEmpty() && !hash.startsWith("!") && !hash.startsWith("*")) {
                    warn("root has a password in /etc/shadow: every instance of the image would share it"
                            + " (lock it with 'passwd -l root'; instances get root_pw from metadata)");
                }
            }
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private void act(String verb, String what, Action action) throws IOException {
        changes++;
        if (dryRun) {
            out.println("would be " + verb + ": " + what);
            return;
        }
        action.run();
        out.println(verb + " " + what);
    }

    private void warn(String message) {
        if (!warnings.contains(message)) {
            warnings.add(message);
        }
    }
}
