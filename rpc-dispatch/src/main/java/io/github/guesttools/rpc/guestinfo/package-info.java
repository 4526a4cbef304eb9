/**
 * The {@code guestinfo.*} key/value store of the VMX ({@code info-get} / {@code info-set}), usable on
 * its own without running any agent.
 */
package io.github.guesttools.rpc.guestinfo;
