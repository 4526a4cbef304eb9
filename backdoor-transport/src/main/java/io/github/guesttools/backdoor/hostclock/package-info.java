/**
 * The host's clock and related low-bandwidth backdoor commands ({@code docs/protocols/timesync.md} §3):
 * GETTIMEFULL_WITH_LAG (55), GETTIMEFULL (46) and GETTIME (23) with their fall-back, STOPCATCHUP (24),
 * GETGUIOPTIONS (13) and GETMHZ (1).
 */
package io.github.guesttools.backdoor.hostclock;
