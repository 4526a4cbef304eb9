/**
 * Directory transfers as streamed tar, tgz or txz archives: {@link
 * io.github.guesttools.hgfs.archive.ArchiveHandler} serves {@code /archive:} paths and directory
 * paths; downloads are written on a thread into a bounded pipe, uploads are unpacked by {@link
 * io.github.guesttools.hgfs.archive.SafeExtractor}, which refuses anything that would land
 * outside the target directory and caps what it keeps ({@link
 * io.github.guesttools.hgfs.archive.ExtractionLimits}).
 */
package io.github.guesttools.hgfs.archive;
