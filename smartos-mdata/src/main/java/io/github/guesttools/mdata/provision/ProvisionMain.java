package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.client.MetadataTimeoutException;
import io.github.guesttools.mdata.client.MetadataUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code ProvisionMain <task>|all [--root DIR] [--transport ADDR] [--timeout SECONDS]
 * [--live] [--device /dev/vdb] [--enable]}. {@code all} runs what {@code triton-guest.sh} runs on
 * every boot plus the once-only steps: keys, hostname, resolvers, routes, user-script,
 * operator-script. Exit status 0, or 1 when a task failed.
 */
public final class ProvisionMain {
    private static final String USAGE = "Usage: ProvisionMain <set-root-authorized-keys|run-user-script|"
            + "set-hostname|set-resolvers|set-routes|run-operator-script|format-secondary-disk|all>"
            + " [--root DIR] [--transport ADDR] [--timeout SECONDS] [--live] [--device DEV] [--enable]";

    private ProvisionMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.println(USAGE);
            return 3;
        }
        String task = args[0];
        Path root = Path.of("/");
        String transport = null;
        double timeout = 0;
        boolean live = false;
        boolean enable = false;
        String device = "/dev/vdb";
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--root":
                        root = Path.of(args[++i]);
                        break;
                    case "--transport":
                        transport = args[++i];
                        break;
                    case "--timeout":
                        timeout = Double.parseDouble(args[++i]);
                        break;
                    case "--live":
                        live = true;
                        break;
                    case "--enable":
                        enable = true;
                        break;
                    case "--device":
                        device = args[++i];
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 3;
        }
        List<ProvisionTask> tasks = new ArrayList<>();
        for (ProvisionTask t : List.of(
                new RootAuthorizedKeys(),
                new Hostname(),
                new Resolvers(),
                new Routes(),
                new UserScript(),
                new OperatorScript(),
                new SecondaryDisk(device, enable))) {
            if (t.name().equals(task) || (task.equals("all") && !(t instanceof SecondaryDisk))) {
                tasks.add(t);
            }
        }
        if (tasks.isEmpty()) {
            System.err.println("unknown task " + task);
            System.err.println(USAGE);
            return 3;
        }
        int status = 0;
        try (MetadataClient md = MetadataClient.builder()
                .transport(transport)
                .deadline(Duration.ofMillis((long) (timeout * 1000)))
                .diagnostics(System.err::println)
                .build()) {
            for (ProvisionTask t : tasks) {
                ProvisionContext ctx = new ProvisionContext(root, md, ProvisionLog.syslog(t.name()), live);
                try {
                    t.run(ctx);
                } catch (MetadataTimeoutException | MetadataUnavailableException e) {
                    throw e; // the host is silent or absent: the other tasks would only wait again
                } catch (IOException | RuntimeException e) {
                    ctx.log().warn("failed: " + e.getMessage());
                    status = 1;
                }
            }
        } catch (MetadataException e) {
            String what = e instanceof MetadataTimeoutException
                    ? "gave up waiting for the metadata host"
                    : "cannot reach the metadata host";
            ProvisionLog.syslog("triton-guest").warn(what + ", nothing more provisioned this boot: " + e.getMessage());
            System.err.println("ERROR: " + e.getMessage());
            return 2;
        }
        return status;
    }
}
