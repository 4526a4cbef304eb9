/** The simulator bridge over a Unix domain socket (docs/protocols/simulator-bridge.md): server, client backdoor and the standalone {@link io.github.guesttools.backdoor.bridge.SimulatorMain}. */
package io.github.guesttools.backdoor.bridge;
