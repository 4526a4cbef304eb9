/** A register-level VMX simulator for testing guest code off VMware: {@link io.github.guesttools.backdoor.simulator.VmxSimulator}. */
package io.github.guesttools.backdoor.simulator;
