/** The VMware backdoor at register level: {@link io.github.guesttools.backdoor.Backdoor}, {@link io.github.guesttools.backdoor.Registers} and the location factory {@link io.github.guesttools.backdoor.location.Backdoors}. */
package io.github.guesttools.backdoor;
