package io.github.guesttools.backdoor.hostclock;

/**
 * One reading of the host's clock.
 *
 * @param epochMicros host time, microseconds since the epoch
 * @param maxLagMicros the lag the host tolerates before the guest should step (ECX)
 * @param interruptLagMicros how far the guest's apparent time trails real time (EDI of command 55; 0 otherwise)
 * @param command the command that answered: 55, 46 or 23
 */
public record HostTime(long epochMicros, long maxLagMicros, long interruptLagMicros, int command) {
    /** Whether the host separated the interrupt lag (command 55): the only case where slewing is sound. */
    public boolean withLag() {
        return command == HostClockCommands.GETTIMEFULL_WITH_LAG;
    }
}
