/**
 * Guest file systems as vSphere shows them ({@code docs/protocols/guest-info-disks.md}): the mount table
 * ({@code /proc/self/mountinfo}), the allow-list of local file-system types, capacity and free space, and
 * the two wire forms ({@code SetGuestDiskInfo} JSON and the legacy {@code SetGuestInfo} type 3).
 */
package io.github.guesttools.rpc.diskinfo;
