package example;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.guestinfo.GuestInfo;
import io.github.guesttools.rpc.rpci.RpciClient;

/** Sets and reads back a guestinfo key through the VMX simulator behind its Unix-socket bridge. */
public final class Main {
    public static void main(String[] args) throws Exception {
        try (Backdoor backdoor = Backdoors.open("unix:" + args[0]);
                RpciClient rpci = new RpciClient(BackdoorChannels.opener(backdoor))) {
            GuestInfo guestInfo = new GuestInfo(rpci);
            guestInfo.set("staging.proof", "rpc-dispatch ok");
            String value = guestInfo.get("staging.proof").orElseThrow();
            if (!value.equals("rpc-dispatch ok")) {
                throw new AssertionError("guestinfo.staging.proof = " + value);
            }
            if (guestInfo.get("staging.unset").isPresent()) {
                throw new AssertionError("an unset key has a value");
            }
            System.out.println("guestinfo.staging.proof = " + value);
        }
    }
}
