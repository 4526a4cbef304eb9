package io.github.guesttools.backdoor.hardware;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.backdoor.vmcheck.ReadOnlyBackdoorCheck;

/**
 * Run in a forked JVM by {@link NativeBackdoorIT}: opens the native backdoor. Off VMware it must
 * be refused with a typed exception; where the gate opens it runs the read-only check only (never
 * TCLO). Exits 0 after a typed refusal or a passed check.
 */
public final class NativeRefusalProbe {
    private NativeRefusalProbe() {}

    public static void main(String[] args) throws Exception {
        try (Backdoor backdoor = Backdoors.open("native")) {
            System.out.println("opened " + backdoor + ": read-only check");
            if (!ReadOnlyBackdoorCheck.run(backdoor, System.out::println)) {
                System.exit(3);
            }
        } catch (BackdoorUnavailableException e) {
            System.out.println("refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.out.println("still alive");
        System.exit(0);
    }
}
