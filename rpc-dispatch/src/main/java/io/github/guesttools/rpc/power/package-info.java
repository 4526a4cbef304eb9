/**
 * Soft power operations ({@code docs/protocols/rpc.md} §8): {@code OS_Halt}, {@code OS_Reboot}, {@code OS_PowerOn},
 * {@code OS_Resume}, {@code OS_Suspend} with pluggable actions, and the
 * {@code tools.os.statechange.status} report of their real outcome.
 */
package io.github.guesttools.rpc.power;
