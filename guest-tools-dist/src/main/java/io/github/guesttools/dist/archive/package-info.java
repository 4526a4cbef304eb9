/**
 * Reproducible ZIP and TAR (gzip, xz) writers for an {@link io.github.guesttools.dist.tree.ImageTree}:
 * fixed times, owner root (uid and gid 0), exact modes and symlinks, entries in tree order, gzip
 * header without time or name, single-threaded xz. Built on commons-compress and XZ for Java.
 */
package io.github.guesttools.dist.archive;
