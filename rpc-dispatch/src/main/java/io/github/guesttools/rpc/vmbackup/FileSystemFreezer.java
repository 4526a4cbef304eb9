package io.github.guesttools.rpc.vmbackup;

/**
 * Freezes and thaws guest file systems: the seam between the state machine ({@link VmBackup}) and
 * the operating system ({@link LinuxFreezer}); tests of the state machine use a fake one.
 */
@FunctionalInterface
public interface FileSystemFreezer {

    /** A new freeze session with nothing frozen yet; one per quiesce operation. */
    FreezeSession session();
}
