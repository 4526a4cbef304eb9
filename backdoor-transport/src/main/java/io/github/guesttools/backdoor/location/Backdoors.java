package io.github.guesttools.backdoor.location;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.bridge.BridgeBackdoor;
import io.github.guesttools.backdoor.hardware.NativeBackdoor;
import java.nio.file.Path;

/**
 * Opens a {@link Backdoor} from a location string: {@code native} (the default: the real port
 * instructions, refused unless CPUID reports VMware) or {@code unix:/path/to/socket} (a VMX
 * simulator behind the simulator bridge).
 */
public final class Backdoors {
    /** The default location. */
    public static final String NATIVE = "native";
    /** Prefix of bridge locations. */
    public static final String UNIX_PREFIX = "unix:";

    private Backdoors() {}

    /**
     * Opens the backdoor at {@code location}.
     *
     * @throws BackdoorUnavailableException for {@code native} when this is not VMware
     * @throws BackdoorException for {@code unix:} when nothing listens there
     * @throws IllegalArgumentException for any other location
     */
    public static Backdoor open(String location) throws BackdoorException {
        if (NATIVE.equals(location)) {
            return NativeBackdoor.open();
        }
        if (location.startsWith(UNIX_PREFIX) && location.length() > UNIX_PREFIX.length()) {
            return BridgeBackdoor.connect(Path.of(location.substring(UNIX_PREFIX.length())));
        }
        throw new IllegalArgumentException(
                "unknown backdoor location '" + location + "': expected 'native' or 'unix:/path/to/socket'");
    }
}
