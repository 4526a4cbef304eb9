package io.github.guesttools.hgfs.spi;

import java.util.OptionalInt;

/**
 * How a file is opened.
 *
 * @param access read or write
 * @param disposition what to do when the file exists or not (ignored for reading)
 * @param createMode permission bits for a file that gets created, if the client gave them
 */
public record OpenOptions(Access access, Disposition disposition, OptionalInt createMode) {

    /** Open for reading an existing file. */
    public static final OpenOptions READ = new OpenOptions(Access.READ, Disposition.OPEN, OptionalInt.empty());

    /** Read or write; HGFS transfers never read and write one handle. */
    public enum Access {
        READ,
        WRITE
    }

    /** {@code HgfsOpenFlags}, in wire order. */
    public enum Disposition {
        /** Must exist. */
        OPEN,
        /** Must exist; truncate. */
        OPEN_EMPTY,
        /** Open or create. */
        OPEN_CREATE,
        /** Create; fail if it exists. */
        CREATE_SAFE,
        /** Create or truncate. */
        CREATE_EMPTY
    }
}
