package io.github.guesttools.backdoor.hardware;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.backdoor.Backdoors;
import io.github.guesttools.backdoor.channel.MessageChannel;
import io.github.guesttools.backdoor.channel.Protocol;

/** Run in a forked JVM by {@link NativeBackdoorIT}: tries to open a native channel; exits 0 only after a typed refusal. */
public final class NativeRefusalProbe {
    private NativeRefusalProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Backdoor backdoor = Backdoors.open("native");
             MessageChannel channel = MessageChannel.open(backdoor, Protocol.RPCI)) {
            System.out.println("opened " + channel + " on a machine that should not allow it");
            System.exit(3);
        } catch (BackdoorUnavailableException e) {
            System.out.println("refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.out.println("still alive");
        System.exit(0);
    }
}
