package io.github.guesttools.backdoor.bridge;

import io.github.guesttools.backdoor.BackdoorException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;

/**
 * Whom a bridge socket belongs to. Whoever answers on the bridge acts as the host, which may ask
 * the agent (root) for anything a host may, so the agent talks only to a bridge of root or of its
 * own user: the socket file must be owned by one of them (a local user could otherwise pre-create
 * {@code /tmp/vmx.sock}), and the process listening on it, by its kernel peer credentials
 * ({@code SO_PEERCRED}), must run as one of them too. The peer check also covers the socket being
 * swapped between the file check and the connect, so the directory is not checked: a user who may
 * replace the file still cannot make the listener root's.
 */
final class SocketOwner {
    private SocketOwner() {}

    /** Refuses a socket file not owned by root or this process's effective user. */
    static void checkFile(Path path) throws BackdoorException {
        int uid;
        try {
            uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            // nothing there: the connect reports it the usual way
            return;
        }
        int self = effectiveUid();
        if (uid != 0 && uid != self) {
            throw new BackdoorException("refusing the simulator bridge at " + path + ": the socket is owned by uid "
                    + uid + ", not root or this agent's uid " + self);
        }
    }

    /** Refuses a connection whose listening process is not root or this process's user. */
    static void checkPeer(SocketChannel channel, Path path) throws BackdoorException {
        try {
            UserPrincipal peer =
                    channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
            if (!allowed(peer)) {
                throw new BackdoorException("refusing the simulator bridge at " + path + ": it is served by user "
                        + peer.getName() + ", not root or this agent's user");
            }
        } catch (IOException e) {
            throw new BackdoorException("cannot read the peer credentials of the bridge at " + path + ": " + e, e);
        }
    }

    /**
     * Root (named from uid 0, or the bare number when the user database cannot be read) or the
     * owner of {@code /proc/self}, which is this process's effective user. No look-up by name.
     */
    private static boolean allowed(UserPrincipal peer) throws IOException {
        return peer.getName().equals("root")
                || peer.getName().equals("0")
                || peer.equals(Files.getOwner(Path.of("/proc/self")));
    }

    /** The effective uid, from {@code /proc/self/status} ({@code Uid: real effective saved fs}). */
    static int effectiveUid() throws BackdoorException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BackdoorException("cannot tell this process's uid from /proc/self/status", e);
        }
        throw new BackdoorException("no Uid line in /proc/self/status");
    }
}
