package io.github.guesttools.mdata.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Chooses the transport: an explicit address (option or {@code MDATA_TRANSPORT}) wins; otherwise
 * the first zone socket that exists, then the serial device of the operating system.
 *
 * <p>Address forms: {@code unix:PATH}, {@code serial:PATH}, or a bare path (a socket is used as a
 * socket, anything else as a serial device).
 */
public final class TransportSelector {
    /** The environment variable holding an explicit address. */
    public static final String ENV = "MDATA_TRANSPORT";

    /** Zone sockets in mdata-client's order: SDC7, SDC7 LX ({@code /native}), SDC6. */
    static final String[] ZONE_SOCKETS = {
        "/.zonecontrol/metadata.sock", "/native/.zonecontrol/metadata.sock", "/var/run/smartdc/metadata.sock",
    };

    private TransportSelector() {}

    /**
     * Returns the opener for {@code address}, or for the automatic choice when it is null or empty.
     *
     * @throws TransportException when no transport is known for this system
     */
    public static TransportOpener select(String address) throws TransportException {
        if (address != null && !address.isEmpty()) {
            return forAddress(address);
        }
        return automatic(Path.of("/"), System.getProperty("os.name", ""));
    }

    /** The opener for an explicit address. */
    public static TransportOpener forAddress(String address) {
        if (address.startsWith("unix:")) {
            return UnixSocketTransport.opener(address.substring(5));
        }
        if (address.startsWith("serial:")) {
            return SerialTransport.opener(address.substring(7));
        }
        return isSocket(Path.of(address)) ? UnixSocketTransport.opener(address) : SerialTransport.opener(address);
    }

    /** The automatic choice, with zone sockets looked up under {@code root}. */
    static TransportOpener automatic(Path root, String osName) throws TransportException {
        for (String s : ZONE_SOCKETS) {
            Path p = root.resolve(s.substring(1));
            if (isSocket(p)) {
                return UnixSocketTransport.opener(p.toString());
            }
        }
        String device = serialDevice(osName);
        if (device == null) {
            throw new TransportException("I don't know how to get metadata on this system.", true, null);
        }
        return SerialTransport.opener(device);
    }

    /** The second serial port (COM2) as each OS names it, or null. */
    static String serialDevice(String osName) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux")) {
            return "/dev/ttyS1";
        }
        if (os.contains("freebsd")) {
            return "/dev/cuau1";
        }
        if (os.contains("netbsd")) {
            return "/dev/tty01";
        }
        if (os.contains("openbsd")) {
            return "/dev/cua01";
        }
        if (os.contains("sunos")) {
            return "/dev/term/b";
        }
        return null;
    }

    /** True for a socket (or other special file) that is not a symlink target trap: lstat semantics. */
    static boolean isSocket(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isOther()) {
                return false;
            }
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer && (((Integer) mode) & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
