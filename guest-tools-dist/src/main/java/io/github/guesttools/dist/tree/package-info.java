/**
 * The file tree every image format is written from: sorted entries with exact modes, symlink
 * targets and sizes, and one fixed timestamp, so that the ISO, ZIP and TAR writers produce the same
 * bytes on every build.
 */
package io.github.guesttools.dist.tree;
