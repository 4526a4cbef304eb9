package io.github.guesttools.backdoor.simulator;

import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;

/**
 * One backdoor call the simulator served.
 *
 * @param kind which instruction
 * @param in the registers the guest loaded
 * @param out the registers the simulator returned
 */
public record RecordedCall(CallKind kind, Registers in, Registers out) {}
