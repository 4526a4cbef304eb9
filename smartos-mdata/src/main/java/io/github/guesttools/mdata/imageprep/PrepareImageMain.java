package io.github.guesttools.mdata.imageprep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code prepare-image [--root DIR] [--dry-run] [--yes]}. Run before turning a
 * machine into an image. Changes nothing without {@code --yes} or a "yes" typed at a terminal.
 * Exit status: 0 done, 1 done but with warnings (as sdc-vmtools' script), 2 an error, 3 usage or
 * not confirmed.
 */
public final class PrepareImageMain {
    static final String USAGE = "Usage: prepare-image [--root DIR] [--dry-run] [--yes]";

    private PrepareImageMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.console() != null));
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean interactive) {
        Path root = Path.of("/");
        boolean dryRun = false;
        boolean yes = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root":
                    if (i + 1 == args.length) {
                        return usage(err, "--root needs a directory");
                    }
                    root = Path.of(args[++i]);
                    break;
                case "--dry-run":
                case "-n":
                    dryRun = true;
                    break;
                case "--yes":
                case "-y":
                    yes = true;
                    break;
                case "-h":
                case "--help":
                    out.println(USAGE);
                    return 0;
                default:
                    return usage(err, "unknown argument " + args[i]);
            }
        }
        if (!Files.isDirectory(root)) {
            return usage(err, root + " is not a directory");
        }
        String where = root.toAbsolutePath().normalize().toString();
        if (!dryRun && !yes && !confirmed(where, out, interactive)) {
            err.println("prepare-image: nothing changed: confirm with --yes (or see what it would do with --dry-run)");
            return 3;
        }
        ImageCleaner cleaner = new ImageCleaner(root, dryRun, out);
        try {
            cleaner.run();
        } catch (IOException | RuntimeException e) {
            err.println("prepare-image: ERROR: " + e.getMessage());
            return 2;
        }
        if (cleaner.changes() == 0) {
            out.println("nothing to clean under " + where);
        }
        for (String w : cleaner.warnings()) {
            err.println("WARNING: " + w);
        }
        if (!dryRun && cleaner.warnings().isEmpty()) {
            out.println("you may now shut the machine down and make the image");
        }
        return cleaner.warnings().isEmpty() ? 0 : 1;
    }

    private static boolean confirmed(String where, PrintStream out, boolean interactive) {
        if (!interactive) {
            return false;
        }
        out.print("prepare-image removes SSH host keys, root's authorized_keys, logs, histories, leases,"
                + " cloud-init and first-boot state under " + where + " and empties /etc/machine-id."
                + " Type 'yes' to go on: ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().equals("yes");
        } catch (IOException e) {
            return false;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("prepare-image: " + problem);
        err.println(USAGE);
        return 3;
    }
}
