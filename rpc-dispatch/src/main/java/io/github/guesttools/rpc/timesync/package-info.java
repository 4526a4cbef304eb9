/**
 * Guest clock correction ({@code docs/protocols/timesync.md}): the one-shot {@code Time_Synchronize}, the
 * periodic loop the VMX switches with {@code Set_Option synctime}, the step and slew rules, over two seams:
 * {@link io.github.guesttools.rpc.timesync.HostClock} and {@link io.github.guesttools.rpc.timesync.GuestClock}.
 */
package io.github.guesttools.rpc.timesync;
