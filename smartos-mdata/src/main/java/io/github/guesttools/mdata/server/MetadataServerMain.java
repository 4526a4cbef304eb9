package io.github.guesttools.mdata.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Command line: {@code MetadataServerMain --metadata FILE [--socket PATH]... [--pty] [--pty-link PATH]
 * [--max-value-bytes N] [--max-file-bytes N] [--max-connections N] [--idle-timeout SECONDS] [--reply-bad-frames]
 * [--v1-only]}. Runs until killed.
 */
public final class MetadataServerMain {
    private static final String USAGE = "Usage: MetadataServerMain --metadata FILE [--socket PATH]..."
            + " [--pty] [--pty-link PATH] [--max-value-bytes N] [--max-file-bytes N] [--max-connections N]"
            + " [--idle-timeout SECONDS] [--reply-bad-frames] [--v1-only]";

    private MetadataServerMain() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path metadata = null;
        List<Path> sockets = new ArrayList<>();
        boolean pty = false;
        Path ptyLink = null;
        int maxValue = MetadataStore.DEFAULT_MAX_VALUE_BYTES;
        long maxFile = -1;
        boolean silent = true;
        boolean v1Only = false;
        int maxConnections = SocketLimits.DEFAULT.maxConnections();
        double idleSeconds = SocketLimits.DEFAULT.idleMillis() / 1000.0;
        SocketLimits limits;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--metadata":
                        metadata = Path.of(args[++i]);
                        break;
                    case "--socket":
                        sockets.add(Path.of(args[++i]));
                        break;
                    case "--pty":
                        pty = true;
                        break;
                    case "--pty-link":
                        ptyLink = Path.of(args[++i]);
                        pty = true;
                        break;
                    case "--max-value-bytes":
                        maxValue = Integer.parseInt(args[++i]);
                        break;
                    case "--max-file-bytes":
                        maxFile = Long.parseLong(args[++i]);
                        if (maxFile <= 0) {
                            throw new IllegalArgumentException("--max-file-bytes must be positive");
                        }
                        break;
                    case "--reply-bad-frames":
                        silent = false;
                        break;
                    case "--v1-only":
                        v1Only = true;
                        break;
                    case "--max-connections":
                        maxConnections = Integer.parseInt(args[++i]);
                        break;
                    case "--idle-timeout":
                        idleSeconds = Double.parseDouble(args[++i]);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (metadata == null || (sockets.isEmpty() && !pty) || maxValue <= 0) {
                throw new IllegalArgumentException("--metadata and one of --socket or --pty are required");
            }
            limits = new SocketLimits(maxConnections, (long) (idleSeconds * 1000));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println(e instanceof ArrayIndexOutOfBoundsException ? "missing option value" : e.getMessage());
            System.err.println(USAGE);
            System.exit(3);
            return;
        }
        MetadataStore store;
        try {
            Consumer<String> log = m -> System.err.println("mdata-server: " + m);
            store = maxFile > 0
                    ? MetadataStore.load(metadata, maxValue, maxFile, log)
                    : MetadataStore.load(metadata, maxValue, log);
        } catch (IOException e) {
            System.err.println("cannot load metadata: " + e.getMessage());
            System.exit(2);
            return;
        }
        MetadataServer server =
                new MetadataServer(store, silent, v1Only, m -> System.err.println("mdata-server: " + m));
        String slave = null;
        try {
            for (Path s : sockets) {
                server.listenOnSocket(s, limits);
                System.out.println("socket " + s);
            }
            if (pty) {
                slave = server.listenOnPty();
                if (ptyLink != null) {
                    Files.deleteIfExists(ptyLink);
                    Files.createSymbolicLink(ptyLink, Path.of(slave));
                }
                System.out.println("pty " + slave);
            }
        } catch (IOException e) {
            System.err.println("mdata-server: " + e.getMessage());
            server.close();
            System.exit(2);
            return;
        }
        System.out.flush();
        Path link = ptyLink;
        Path linked = slave == null ? null : Path.of(slave);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                // The link named a pseudo-terminal that is gone with us; one made since by another
                // server is left alone.
                if (link != null
                        && Files.isSymbolicLink(link)
                        && Files.readSymbolicLink(link).equals(linked)) {
                    Files.delete(link);
                }
            } catch (IOException ignored) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }
}
