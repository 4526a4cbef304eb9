/**
 * {@link io.github.guesttools.backdoor.location.Backdoors}: opens a backdoor from a location string
 * ({@code native} or {@code unix:/path}). Above the implementations it chooses between, so the root
 * package (the interface and its values) depends on none of them.
 */
package io.github.guesttools.backdoor.location;
