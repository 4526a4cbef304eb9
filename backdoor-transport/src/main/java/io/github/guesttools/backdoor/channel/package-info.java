/** The GuestRPC message channel (backdoor command 30) on top of a {@link io.github.guesttools.backdoor.Backdoor}: {@link io.github.guesttools.backdoor.channel.MessageChannel}. */
package io.github.guesttools.backdoor.channel;
