package io.github.guesttools.hgfs.archive;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.HgfsException;

/** The {@code format=} of an archive transfer. */
public enum ArchiveFormat {
    /** Plain tar ({@code format=} empty or {@code tar}). */
    TAR,
    /** gzip-compressed tar. */
    TGZ,
    /** xz-compressed tar. */
    TXZ;

    /** The format for a query value; anything unknown is {@code INVALID_PARAMETER}. */
    public static ArchiveFormat of(String value) throws HgfsException {
        return switch (value) {
            case "", "tar" -> TAR;
            case "tgz", "tar.gz" -> TGZ;
            case "txz", "tar.xz" -> TXZ;
            default -> throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "unknown archive format " + value);
        };
    }
}
