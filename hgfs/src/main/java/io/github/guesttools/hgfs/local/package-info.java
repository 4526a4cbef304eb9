/**
 * The local file system as a {@link io.github.guesttools.hgfs.spi.FileHandler}: the fall-through
 * for every path no other handler claims. Opens regular files only (guest-identity's {@code
 * RegularFiles}), so a FIFO or device never blocks a thread.
 */
package io.github.guesttools.hgfs.local;
