/**
 * A small ISO 9660 writer with Rock Ridge (RRIP 1.09 over SUSP 1.12) and Joliet (UCS-2 level 3).
 *
 * <p>Why our own: the Java libraries that write ISO images either are unmaintained (jiic /
 * sabre-iso, last released 2011) or write only plain ISO 9660 without Rock Ridge modes, symlinks
 * and Joliet (commons-compress and others only read archives; there is no ISO writer among them).
 * Shelling out to {@code genisoimage} or {@code xorriso} would make the build depend on host tools
 * and their versions, and both stamp wall-clock times unless told otherwise. The format subset we
 * need is small and fixed, and the tests check every image against {@code isoinfo},
 * {@code xorriso} and {@code bsdtar}.
 *
 * <p>What the writer produces: a primary volume with level-1 (8.3) identifiers that are unique per
 * directory, each record carrying Rock Ridge {@code PX} (mode, uid/gid 0), {@code TF}, {@code NM}
 * (the real UTF-8 name) and {@code SL} (symlink target) entries, the root's {@code .} record with
 * {@code SP}, {@code RR} and a continuation area holding {@code ER}; a Joliet supplementary volume
 * with names up to 103 UCS-2 characters (symbolic links are left out of it: Joliet cannot express
 * them); L and M path tables for both; every date is the tree's timestamp. Directories deeper than
 * eight levels are written in place (as {@code genisoimage -D} does) rather than relocated: Linux,
 * libarchive, libisofs and Windows read them. Files of 4 GiB and more, and more than 65535
 * directories, are refused with {@link io.github.guesttools.dist.iso.IsoLimitException}.
 */
package io.github.guesttools.dist.iso;
