package io.github.guesttools.rpc.vmbackup;

/**
 * Told when guest file systems may block writes and when they no longer do, so that the rest of the
 * agent (its log above all, {@code docs/protocols/vmbackup.md} §6.7) keeps off the disks meanwhile.
 * Called with {@link VmBackup}'s lock held: implementations must be quick and must not call back.
 */
public interface FreezeListener {
    /** Nothing is told. */
    FreezeListener NONE = new FreezeListener() {
        @Override
        public void frozen() {}

        @Override
        public void thawed() {}
    };

    /** Just before the first file system is frozen. */
    void frozen();

    /**
     * After the last one is thawed, on every path (done, abort, failsafe bounds, host gone, stop), and
     * only once no freeze worker can still freeze anything.
     */
    void thawed();
}
