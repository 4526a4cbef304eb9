/**
 * The server side of the simulator bridge (docs/protocols/simulator-bridge.md):
 * {@link io.github.guesttools.backdoor.simulator.bridge.BridgeServer}, which serves any
 * {@link io.github.guesttools.backdoor.Backdoor} on a Unix domain socket, and the standalone
 * {@link io.github.guesttools.backdoor.simulator.bridge.SimulatorMain}.
 */
package io.github.guesttools.backdoor.simulator.bridge;
