/**
 * The client side of the simulator bridge over a Unix domain socket (docs/protocols/simulator-bridge.md):
 * {@link io.github.guesttools.backdoor.bridge.BridgeBackdoor}, reached as {@code unix:/path}, and the
 * wire layout both ends share. The server and the standalone simulator are in backdoor-simulator.
 */
package io.github.guesttools.backdoor.bridge;
