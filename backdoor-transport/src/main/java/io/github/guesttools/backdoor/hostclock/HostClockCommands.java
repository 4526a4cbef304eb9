package io.github.guesttools.backdoor.hostclock;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.Registers;
import java.io.IOException;
import java.util.Optional;

/** The clock-related low-bandwidth backdoor commands. Stateless; thread-safe as the backdoor is. */
public final class HostClockCommands {
    /** GETMHZ: EAX = the host CPU speed in MHz. */
    public static final int GETMHZ = 1;
    /** GETGUIOPTIONS: EAX = option bits. */
    public static final int GETGUIOPTIONS = 13;
    /** GETTIME (deprecated): EAX = u32 seconds, EBX = µs, ECX = max lag plus interrupt lag. */
    public static final int GETTIME = 23;
    /** STOPCATCHUP: after a step, tell the host's time tracker to stop catching up lost ticks. */
    public static final int STOPCATCHUP = 24;
    /** GETTIMEFULL: seconds = ESI:EDX, EBX = µs, ECX = max lag plus interrupt lag; EAX unchanged on success. */
    public static final int GETTIMEFULL = 46;
    /** GETTIMEFULL_WITH_LAG: as 46, ECX = max lag, EDI = interrupt lag. */
    public static final int GETTIMEFULL_WITH_LAG = 55;
    /** GUI option bit: periodic time sync enabled for this VM ({@code VMWARE_GUI_SYNC_TIME}). */
    public static final int GUI_SYNC_TIME = 0x400;

    private HostClockCommands() {}

    /**
     * Reads the host clock with the best command the host knows: 55, then 46, then 23.
     *
     * @return empty when no command gives a valid time
     */
    public static Optional<HostTime> read(Backdoor backdoor) throws IOException {
        for (int command : new int[] {GETTIMEFULL_WITH_LAG, GETTIMEFULL}) {
            Registers r = call(backdoor, command);
            if (r.eax() != Backdoor.MAGIC) {
                continue; // a VMX that does not know the command changes EAX
            }
            long seconds = ((long) r.esi() << 32) | Integer.toUnsignedLong(r.edx());
            if (seconds <= 0) {
                return Optional.empty();
            }
            long lag = command == GETTIMEFULL_WITH_LAG ? Integer.toUnsignedLong(r.edi()) : 0;
            return Optional.of(new HostTime(
                    seconds * 1_000_000 + Integer.toUnsignedLong(r.ebx()),
                    Integer.toUnsignedLong(r.ecx()),
                    lag,
                    command));
        }
        Registers r = call(backdoor, GETTIME);
        if (r.eax() == -1 || r.eax() == 0) {
            return Optional.empty();
        }
        return Optional.of(new HostTime(
                Integer.toUnsignedLong(r.eax()) * 1_000_000 + Integer.toUnsignedLong(r.ebx()),
                Integer.toUnsignedLong(r.ecx()),
                0,
                GETTIME));
    }

    /** STOPCATCHUP. */
    public static void stopCatchup(Backdoor backdoor) throws IOException {
        call(backdoor, STOPCATCHUP);
    }

    /** GETGUIOPTIONS: the option bits. */
    public static int guiOptions(Backdoor backdoor) throws IOException {
        return call(backdoor, GETGUIOPTIONS).eax();
    }

    /** GETMHZ: the host CPU speed, or empty when the host does not say (EAX ≤ 0). */
    public static Optional<Integer> mhz(Backdoor backdoor) throws IOException {
        int eax = call(backdoor, GETMHZ).eax();
        return eax > 0 ? Optional.of(eax) : Optional.empty();
    }

    private static Registers call(Backdoor backdoor, int command) throws IOException {
        return backdoor.lowBandwidth(new Registers(Backdoor.MAGIC, 0, command, Backdoor.LB_PORT, 0, 0, 0));
    }
}
