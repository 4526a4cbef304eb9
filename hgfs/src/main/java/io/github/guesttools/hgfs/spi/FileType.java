package io.github.guesttools.hgfs.spi;

/** What HGFS reports as a file's type. Streams and other special files are {@link #REGULAR}. */
public enum FileType {
    REGULAR,
    DIRECTORY,
    SYMLINK
}
