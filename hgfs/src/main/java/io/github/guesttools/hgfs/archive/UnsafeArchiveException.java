package io.github.guesttools.hgfs.archive;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.HgfsException;

/** An upload refused: an entry that would escape the target or is not allowed, or a limit hit. */
public final class UnsafeArchiveException extends HgfsException {
    private static final long serialVersionUID = 1L;

    UnsafeArchiveException(HgfsStatus status, String message) {
        super(status, message);
    }

    static UnsafeArchiveException refused(String entry, String why) {
        return new UnsafeArchiveException(
                HgfsStatus.OPERATION_NOT_PERMITTED, "archive entry " + entry + " refused: " + why);
    }
}
