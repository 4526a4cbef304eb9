package io.github.guesttools.backdoor.simulator.bridge;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Removes a socket file left behind by a simulator that was killed hard, so a new one can bind
 * the same path. Only a socket nobody accepts on is removed; any other file is left alone (binding
 * then fails with a clear error).
 */
final class StaleSocket {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private StaleSocket() {}

    static Path removeIfDead(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return path;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            return path;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return path; // alive: let bind report the conflict
        } catch (IOException refused) {
            Files.delete(path);
            return path;
        }
    }
}
