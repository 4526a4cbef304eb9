package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;

/**
 * One bridge request: a call kind, the registers, and for {@link CallKind#HIGH_BANDWIDTH_OUT} the
 * {@code ECX} bytes the guest sends ({@code payload} is empty for the other kinds).
 */
record BridgeRequest(CallKind kind, Registers registers, byte[] payload) {}
